package dev.signals.bootstrap.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The answers of Smile's signals and consent-template operations as a client generated from Smile's OpenAPI
 * document sees them (SmileAPI/smile-openapi, {@code openapi-v1.yaml}, version 1.14.0): one record per schema,
 * with exactly the schema's properties, its {@code required} ones present and not null, its enums as Java
 * enums, and a reader that fails on any other property and on a value of another JSON type, as
 * openapi-generator's clients do (okhttp-gson refuses unknown fields and nulls in required ones;
 * typescript-fetch picks the variant of a discriminated {@code oneOf} by the discriminator and fails on a
 * value its mapping does not hold).
 *
 * <p>One deliberate difference, the one this service keeps from the seeds and the contract: a
 * {@code BetaSignalItem}'s {@code value} is a required {@code string} in Smile's document, but the seeds' sample
 * (and Smile's own example of Signal2) carries a NUMBER item's value as a JSON number, and contract section 2.3
 * makes a value without data {@code null}; {@link BetaSignalItem#value} is therefore present and a JSON integer,
 * string or null, and nothing else.
 */
final class SmileShapes {

    /** Reads like a generated client: unknown properties, missing required ones and type mismatches fail. */
    private static final ObjectMapper STRICT = strictMapper();

    private SmileShapes() {
    }

    /** The whole answer as {@code type}, or an error that names what does not fit and shows the answer. */
    static <T> T read(JsonNode body, Class<T> type) {
        try {
            return STRICT.treeToValue(body, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new AssertionError("not a Smile " + type.getSimpleName() + ": " + e.getMessage() + "\n" + body, e);
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
                .enable(DeserializationFeature.FAIL_ON_MISSING_EXTERNAL_TYPE_ID_PROPERTY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** A required property: Jackson checks that it is present, this that it is not null. */
    private static <T> T required(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException("required property " + name + " is null");
        }
        return value;
    }

    /** {@code RefDateTime}: a string of format date-time. */
    private static void dateTime(String name, String value) {
        if (value != null) {
            OffsetDateTime.parse(value);
        }
    }

    // --- Envelopes -----------------------------------------------------------------------------------------

    /** {@code ObjectMetadataRefCode}. */
    enum Code {
        OK, CREATED, INVALID_CREDENTIALS, INVALID_PARAMETERS, INVALID_TOKEN, UNAUTHORIZED_ACCESS, MISSING_RESOURCE,
        REQUEST_LIMIT_EXCEEDED, SERVER_ERROR, UNSUPPORTED_METHOD, SERVER_UNAVAILABLE, TIME_LIMIT_EXCEEDED
    }

    /** {@code CommonResponse}: code and requestId required, message; nothing else. */
    record CommonResponse(@JsonProperty(required = true) Code code, String message,
                          @JsonProperty(required = true) String requestId) {
        CommonResponse {
            required("code", code);
            required("requestId", requestId);
        }
    }

    /** {@code SignalPostResponse} and {@code SignalGetResponse}. */
    record SignalResponse(Code code, String message, String requestId, Signal data) {
    }

    /** {@code SignalListResponse}. */
    record SignalListResponse(Code code, String message, String requestId, SignalList data) {
    }

    record SignalList(String nextCursor, List<Signal> items) {
    }

    /** {@code BetaSignalPostResponse} and {@code BetaSignalGetResponse}. */
    record BetaSignalResponse(Code code, String message, String requestId, BetaSignal data) {
    }

    /** {@code BetaSignalListResponse}. */
    record BetaSignalListResponse(Code code, String message, String requestId, BetaSignalList data) {
    }

    record BetaSignalList(String nextCursor, List<BetaSignal> items) {
    }

    /** {@code ConsentTemplateCreateResponse}. */
    record ConsentTemplateCreateResponse(Code code, String message, String requestId, ConsentTemplate data) {
    }

    /** {@code ConsentTemplateListResponse}. */
    record ConsentTemplateListResponse(Code code, String message, String requestId, ConsentTemplateList data) {
    }

    /** {@code ConsentTemplateListResponseData}. */
    record ConsentTemplateList(String nextCursor, List<ConsentTemplate> items) {
    }

    // --- Signals (Alpha) ------------------------------------------------------------------------------------

    enum Status { PROCESSING, ERROR, COMPLETED }

    enum ResultCode { SUCCESS, NO_DATA, SYSTEM_ERROR, SERVICE_UNAVAILABLE }

    /** {@code Consent}: consentedAt and consentedWith required. */
    record Consent(String type, String version,
                   @JsonProperty(required = true) String consentedAt,
                   @JsonProperty(required = true) String consentedWith,
                   String consentTemplateId) {
        Consent {
            required("consentedAt", consentedAt);
            required("consentedWith", consentedWith);
            dateTime("consentedAt", consentedAt);
        }
    }

    /** {@code Signal}: id, createdAt, status and requestMeta required. */
    record Signal(@JsonProperty(required = true) String id,
                  @JsonProperty(required = true) String createdAt,
                  @JsonProperty(required = true) Status status,
                  ResultCode resultCode,
                  String resultMessage,
                  @JsonProperty(required = true) SignalRequestMeta requestMeta,
                  ObjectSignalRefResult result) {
        Signal {
            required("id", id);
            required("createdAt", createdAt);
            dateTime("createdAt", createdAt);
            required("status", status);
            required("requestMeta", requestMeta);
        }
    }

    /** {@code Signal.requestMeta}: an inline object of phone and consent. */
    record SignalRequestMeta(String phone, Consent consent) {
    }

    /** {@code Object-Signal-Ref-result}: the 35 default signals, each an integer. */
    record ObjectSignalRefResult(
            Long events_marketing_day30_institution_count,
            Long events_application_reception_day30,
            Long events_application_reception_day30_institution_count,
            Long events_application_approval_day30,
            Long events_loan_disbursement_day30,
            Long events_loan_disbursement_day30_institution_count,
            Long events_repayment_reminder_day30,
            Long events_repayment_reminder_day30_institution_count,
            Long events_successful_repayment_day30,
            Long events_successful_repayment_day30_institution_count,
            Long events_overdue_day30,
            Long events_overdue_day30_institution_count,
            Long events_overdue_day30_amount,
            Long events_debt_day30_amount,
            Long events_overdue_day30_days,
            Long events_marketing_day90_institution_count,
            Long events_application_reception_day90,
            Long events_loan_disbursement_day90,
            Long events_loan_disbursement_day90_institution_count,
            Long events_overdue_day90,
            Long events_overdue_day90_institution_count,
            Long events_overdue_day90_amount,
            Long events_debt_day90_amount,
            Long events_overdue_day90_days,
            Long events_marketing_day180_institution_count,
            Long events_application_reception_day180,
            Long events_loan_disbursement_day180,
            Long events_loan_disbursement_day180_institution_count,
            Long events_overdue_day180,
            Long events_overdue_day180_institution_count,
            Long events_overdue_day180_amount,
            Long events_overdue_day180_days,
            Long events_loan_disbursement_days_since_last,
            Long events_successful_repayment_days_since_last,
            Long events_overdue_days_since_last) {
    }

    // --- Signals (Beta) -------------------------------------------------------------------------------------

    /** {@code SignalType}. */
    enum SignalType { Signal1, Signal2, Signal3 }

    /** {@code BetaSignal}: id, createdAt, status and requestMeta required. */
    record BetaSignal(@JsonProperty(required = true) String id,
                      @JsonProperty(required = true) String createdAt,
                      @JsonProperty(required = true) Status status,
                      ResultCode resultCode,
                      String resultMessage,
                      SignalType signalType,
                      @JsonProperty(required = true) BetaSignalRequestMeta requestMeta,
                      List<BetaSignalItem> items) {
        BetaSignal {
            required("id", id);
            required("createdAt", createdAt);
            dateTime("createdAt", createdAt);
            required("status", status);
            required("requestMeta", requestMeta);
        }
    }

    /**
     * {@code BetaSignalRequestMeta}: a {@code oneOf} discriminated by {@code templateId}. The variants of the
     * phone risk signals of the seeds are {@code tpl-sgn003001} ({@code BetaSignalPostRequest1}) and Smile's
     * deprecated {@code signalTpl-...} ids, which have the same schema; a templateId the mapping does not
     * hold, or none, fails as it does in a generated client. ({@code tpl-sgn002001}, Signal2, is another
     * product of Smile's and not mapped here.)
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "templateId", visible = true)
    @JsonSubTypes({
            @JsonSubTypes.Type(value = BetaSignalPostRequest1.class, names = {"tpl-sgn003001",
                    "signalTpl-cb19dbc4d13b985674bd5f20bfeee7e8", "signalTpl-f250f305c3bf0aa690cca93ef0f0fb03",
                    "signalTpl-f6b74d81a4807f4c01e6a920920775ad", "signalTpl-7a01659636c119ca4566308effd05d06",
                    "signalTpl-e5ba74fe8089fe44eeeafb68991b1e70"})})
    sealed interface BetaSignalRequestMeta permits BetaSignalPostRequest1 {
    }

    /** {@code BetaSignalPostRequest1}: consent, templateId and phone required; countryCode. */
    record BetaSignalPostRequest1(@JsonProperty(required = true) String phone,
                                  @JsonProperty(required = true) String templateId,
                                  @JsonProperty(required = true) Consent consent,
                                  String countryCode) implements BetaSignalRequestMeta {
        BetaSignalPostRequest1 {
            required("phone", phone);
            required("templateId", templateId);
            required("consent", consent);
        }
    }

    /** {@code BetaSignalItem}: name, value and valueType required (for value see the class comment). */
    record BetaSignalItem(@JsonProperty(required = true) String name,
                          @JsonProperty(required = true) JsonNode value,
                          @JsonProperty(required = true) ValueType valueType) {
        BetaSignalItem {
            required("name", name);
            required("valueType", valueType);
            if (value == null || !(value.isNull() || value.isTextual() || value.isIntegralNumber())) {
                throw new IllegalArgumentException("value must be a string, an integer or null, was " + value);
            }
        }
    }

    enum ValueType { STRING, NUMBER, BOOLEAN }

    // --- Consent Templates ----------------------------------------------------------------------------------

    /** {@code ConsentTemplate}: no property is required. */
    record ConsentTemplate(String id, String createdAt, String consentType, String title, String version,
                           String consentMethod, String consentText) {
        ConsentTemplate {
            dateTime("createdAt", createdAt);
        }
    }
}
