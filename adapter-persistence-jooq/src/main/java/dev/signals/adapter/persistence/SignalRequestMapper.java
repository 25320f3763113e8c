package dev.signals.adapter.persistence;

import dev.signals.adapter.persistence.jooq.tables.records.SignalRequestRecord;
import dev.signals.domain.account.AccountId;
import dev.signals.domain.calculation.SignalValue;
import dev.signals.domain.catalogue.Signal;
import dev.signals.domain.catalogue.SignalSelection;
import dev.signals.domain.consent.Consent;
import dev.signals.domain.consent.ConsentTemplateId;
import dev.signals.domain.request.Idempotency;
import dev.signals.domain.request.IdempotencyKey;
import dev.signals.domain.request.RequestMeta;
import dev.signals.domain.request.RequestStatus;
import dev.signals.domain.request.ResultCode;
import dev.signals.domain.request.SignalRequest;
import dev.signals.domain.request.SignalRequestId;
import dev.signals.domain.subject.SubjectKeys;
import dev.signals.domain.template.SignalTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SignalRequest} as a {@code signal_request} row, and back through {@link SignalRequest#restore}, which checks that the stored state is
 * consistent. The subject is stored as its lookup key, read back with {@link SubjectKeys#subjectOf}, and its
 * {@link SubjectDigests};
 * the template as its id, signal names, amount format and bands ({@link TemplateColumns}); {@code as_of} as the
 * client sent it, null when it sent none; the values as one
 * element per signal of the template, in its order, empty for null, and no column value at all when the
 * request has no values (PROCESSING, NO_DATA, ERROR); an explained request's explanation as JSON
 * ({@link ExplanationColumn}); the idempotency key and the digest of what was asked, null without a key.
 */
final class SignalRequestMapper {

    private SignalRequestMapper() {
    }

    static SignalRequestRecord toRecord(SignalRequest request) {
        SignalRequestRecord record = new SignalRequestRecord();
        record.setId(request.id().value());
        record.setAccountId(request.accountId().value());
        record.setCreatedAt(Timestamps.toColumn(request.createdAt()));
        record.setAsOf(request.requestedAsOf().map(Timestamps::toColumn).orElse(null));
        record.setSubjectKey(request.subject().lookupKey());
        SubjectDigests digests = SubjectDigests.of(request.subject());
        record.setSubjectDigest(digests.digest());
        record.setSubjectAliasDigest(digests.alias());

        RequestMeta meta = request.requestMeta();
        record.setMetaPhone(meta.phone());
        record.setMetaCountryCode(meta.countryCode());
        record.setMetaEmailAddress(meta.emailAddress());
        record.setMetaTemplateId(meta.templateId());
        Consent consent = meta.consent();
        record.setConsentType(consent.type());
        record.setConsentVersion(consent.version());
        record.setConsentWith(consent.consentedWith());
        record.setConsentAt(Timestamps.toColumn(consent.consentedAt()));
        record.setConsentTemplateId(consent.consentTemplateId() == null ? null : consent.consentTemplateId().value());

        SignalTemplate template = request.template();
        record.setTemplateId(template.id());
        record.setSignals(TemplateColumns.signalsColumn(template.signals()));
        record.setAmountFormat(TemplateColumns.formatColumn(template.amountFormat()));
        record.setAmountBands(TemplateColumns.bandsColumn(template.bands()));

        record.setIdempotencyKey(request.idempotency().map(idempotency -> idempotency.key().value()).orElse(null));
        record.setIdempotencyAsked(request.idempotency().map(Idempotency::asked).orElse(null));

        setState(record, request);
        return record;
    }

    /** The columns a finished request changes: status, result code and message, values. */
    static void setState(SignalRequestRecord record, SignalRequest request) {
        record.setStatus(request.status().name());
        record.setResultCode(request.resultCode() == null ? null : request.resultCode().name());
        record.setResultMessage(request.resultMessage());
        record.setResultValues(valuesColumn(request.values()));
        record.setExplanation(ExplanationColumn.toColumn(request.explanation().orElse(null)));
    }

    static SignalRequest toSignalRequest(SignalRequestRecord record) {
        SignalTemplate template = template(record);
        Consent consent = new Consent(
                record.getConsentType(),
                record.getConsentVersion(),
                record.getConsentWith(),
                Timestamps.fromColumn(record.getConsentAt()),
                record.getConsentTemplateId() == null ? null : new ConsentTemplateId(record.getConsentTemplateId()));
        RequestMeta meta = new RequestMeta(
                record.getMetaPhone(),
                record.getMetaCountryCode(),
                record.getMetaEmailAddress(),
                record.getMetaTemplateId(),
                consent);
        SignalRequest request = SignalRequest.restore(
                new SignalRequestId(record.getId()),
                new AccountId(record.getAccountId()),
                Timestamps.fromColumn(record.getCreatedAt()),
                record.getAsOf() == null ? null : Timestamps.fromColumn(record.getAsOf()),
                SubjectKeys.subjectOf(record.getSubjectKey()),
                meta,
                template,
                RequestStatus.valueOf(record.getStatus()),
                record.getResultCode() == null ? null : ResultCode.valueOf(record.getResultCode()),
                record.getResultMessage(),
                values(record.getId(), template.signals(), record.getResultValues()),
                ExplanationColumn.fromColumn(record.getId(), record.getExplanation()));
        return record.getIdempotencyKey() == null ? request : request.withIdempotency(
                new Idempotency(new IdempotencyKey(record.getIdempotencyKey()), record.getIdempotencyAsked()));
    }

    /**
     * The template the request was answered with. A selection's is made again by
     * {@link SignalTemplate#ofSelection}, which names the 35 defaults {@code tpl-sgn003001} (rows stored before
     * it did so name them {@code tpl-account-selection}).
     */
    private static SignalTemplate template(SignalRequestRecord record) {
        SignalSelection signals = TemplateColumns.selection(record.getSignals());
        if (SignalTemplate.ACCOUNT_SELECTION_ID.equals(record.getTemplateId())) {
            return SignalTemplate.ofSelection(signals);
        }
        return new SignalTemplate(record.getTemplateId(), signals, TemplateColumns.format(record.getAmountFormat()),
                TemplateColumns.bands(record.getAmountBands()));
    }

    private static String valuesColumn(List<SignalValue> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<String> elements = new ArrayList<>(values.size());
        for (SignalValue value : values) {
            elements.add(value.value() == null ? "" : Long.toString(value.value()));
        }
        return CommaSeparated.join(elements);
    }

    private static List<SignalValue> values(String requestId, SignalSelection signals, String column) {
        if (column == null) {
            return List.of();
        }
        List<String> elements = CommaSeparated.split(column);
        if (elements.size() != signals.size()) {
            throw new IllegalStateException("stored signal request " + requestId + " has " + elements.size()
                    + " values for the " + signals.size() + " signals of its template");
        }
        List<SignalValue> values = new ArrayList<>(elements.size());
        for (int i = 0; i < elements.size(); i++) {
            Signal signal = signals.signals().get(i);
            String element = elements.get(i);
            values.add(new SignalValue(signal, element.isEmpty() ? null : Long.valueOf(element)));
        }
        return values;
    }
}
