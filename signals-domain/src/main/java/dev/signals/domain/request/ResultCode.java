package dev.signals.domain.request;

/**
 * The outcome of a finished signal request (CONTRACT §2.2), with the status it implies and its
 * standard {@code resultMessage}: SUCCESS and NO_DATA complete the request, SERVICE_UNAVAILABLE
 * and SYSTEM_ERROR end it in ERROR.
 */
public enum ResultCode {
    /** The subject has at least one event known at asOf. */
    SUCCESS(RequestStatus.COMPLETED, "query success"),
    /** No event of the subject is known at asOf. */
    NO_DATA(RequestStatus.COMPLETED, "no data: the network knows no event of this subject as of asOf"),
    /** The event source could not be read. */
    SERVICE_UNAVAILABLE(RequestStatus.ERROR, "service unavailable: the event source could not be read, please retry"),
    /** Anything else went wrong. */
    SYSTEM_ERROR(RequestStatus.ERROR, "system error: the request could not be processed, please retry or contact support");

    private final RequestStatus status;
    private final String resultMessage;

    ResultCode(RequestStatus status, String resultMessage) {
        this.status = status;
        this.resultMessage = resultMessage;
    }

    /** COMPLETED for SUCCESS and NO_DATA, ERROR otherwise. */
    public RequestStatus status() {
        return status;
    }

    /** The standard {@code resultMessage}; "query success" for SUCCESS, as in the seeds. */
    public String resultMessage() {
        return resultMessage;
    }
}
