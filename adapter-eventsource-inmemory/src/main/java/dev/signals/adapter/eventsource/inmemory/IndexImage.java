package dev.signals.adapter.eventsource.inmemory;

import dev.signals.domain.account.InstitutionId;
import dev.signals.domain.catalogue.EventType;
import dev.signals.domain.event.Event;
import dev.signals.domain.event.RetractedEvent;
import dev.signals.domain.subject.EmailAddress;
import dev.signals.domain.subject.PhoneNumber;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link InMemoryEventIndex} as it was when {@link InMemoryEventIndex#image() taken}: what a checkpoint writes
 * and what a restore puts back, part by part, in this order (after the horizon, {@code Long.MIN_VALUE} for none). The
 * retractions still waiting for their event are few and kept as the events they name.
 */
record IndexImage(Subjects.Image subjects, WideRecords.Image wide, StringPool.Image eventIds, InstitutionId[] institutionIds,
                  Retractions.Image retractions, List<RetractedEvent> waiting, int size, int retracted, long fullFromMicros) {

    private static final EventType[] TYPES = EventType.values();

    void writeTo(CheckpointOut out) throws IOException {
        out.putLong(fullFromMicros);
        out.putInt(size);
        out.putInt(retracted);
        subjects.writeTo(out);
        wide.writeTo(out);
        eventIds.writeTo(out);
        out.putInt(institutionIds.length);
        for (InstitutionId institution : institutionIds) {
            out.putString(institution.value());
        }
        retractions.writeTo(out);
        out.putInt(waiting.size());
        for (RetractedEvent retraction : waiting) {
            write(out, retraction.event());
            putInstant(out, retraction.retractedAt());
        }
    }

    static IndexImage readFrom(CheckpointIn in) throws IOException {
        long fullFromMicros = in.getLong();
        int size = in.getInt();
        int retracted = in.getInt();
        Subjects.Image subjects = Subjects.Image.readFrom(in);
        WideRecords.Image wide = WideRecords.Image.readFrom(in);
        StringPool.Image eventIds = StringPool.Image.readFrom(in);
        int institutionCount = in.getInt();
        if (size < 0 || retracted < 0 || institutionCount < 0 || institutionCount > 1 << 24) {
            throw new CheckpointIn.Corrupt(size + " events, " + retracted + " retracted, " + institutionCount + " institutions");
        }
        InstitutionId[] institutions = new InstitutionId[institutionCount];
        for (int i = 0; i < institutionCount; i++) {
            institutions[i] = new InstitutionId(in.getString());
        }
        Retractions.Image retractions = Retractions.Image.readFrom(in);
        int waitingCount = in.getInt();
        if (waitingCount < 0) {
            throw new CheckpointIn.Corrupt(waitingCount + " waiting retractions");
        }
        List<RetractedEvent> waiting = new ArrayList<>();
        for (int i = 0; i < waitingCount; i++) {
            waiting.add(new RetractedEvent(read(in), getInstant(in)));
        }
        return new IndexImage(subjects, wide, eventIds, institutions, retractions, List.copyOf(waiting), size, retracted, fullFromMicros);
    }

    private static void write(CheckpointOut out, Event event) throws IOException {
        out.putString(event.eventId());
        out.putString(event.institutionId().value());
        out.putInt(event.type().ordinal());
        out.putString(event.phone() == null ? "" : event.phone().e164());
        out.putString(event.emailAddress() == null ? "" : event.emailAddress().value());
        putInstant(out, event.occurredAt());
        putInstant(out, event.reportedAt());
        out.putString(event.amount() == null ? "" : event.amount().toPlainString());
        out.putInt(event.overdueDays() == null ? -1 : event.overdueDays());
        out.putByte(event.autoRepayment() == null ? 0 : event.autoRepayment() ? 2 : 1);
    }

    private static Event read(CheckpointIn in) throws IOException {
        String eventId = in.getString();
        InstitutionId institution = new InstitutionId(in.getString());
        int type = in.getInt();
        if (type < 0 || type >= TYPES.length) {
            throw new CheckpointIn.Corrupt("an event type numbered " + type);
        }
        String phone = in.getString();
        String email = in.getString();
        Instant occurred = getInstant(in);
        Instant reported = getInstant(in);
        String amount = in.getString();
        int overdueDays = in.getInt();
        int autoRepayment = in.getByte();
        return new Event(eventId, institution, TYPES[type], phone.isEmpty() ? null : new PhoneNumber(phone),
                email.isEmpty() ? null : new EmailAddress(email), occurred, reported, amount.isEmpty() ? null : new BigDecimal(amount),
                overdueDays < 0 ? null : overdueDays, autoRepayment == 0 ? null : autoRepayment == 2);
    }

    private static void putInstant(CheckpointOut out, Instant instant) throws IOException {
        out.putLong(instant.getEpochSecond());
        out.putInt(instant.getNano());
    }

    private static Instant getInstant(CheckpointIn in) throws IOException {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }
}
