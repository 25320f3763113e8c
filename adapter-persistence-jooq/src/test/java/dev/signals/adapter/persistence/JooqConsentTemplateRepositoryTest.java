package dev.signals.adapter.persistence;

import dev.signals.application.port.PageCursor;
import dev.signals.domain.consent.ConsentTemplate;
import dev.signals.domain.consent.ConsentTemplateId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static dev.signals.adapter.persistence.TestAccounts.A;
import static dev.signals.adapter.persistence.TestAccounts.B;
import static org.assertj.core.api.Assertions.assertThat;

class JooqConsentTemplateRepositoryTest {

    private static final Instant T = Instant.parse("2024-08-09T12:55:51.123456Z");
    /** A character outside the Basic Multilingual Plane: one character, two UTF-16 units. */
    private static final String ASTRAL = "\uD83D\uDE00";

    private static ConsentTemplate template(long n, Instant createdAt) {
        return new ConsentTemplate(id(n), "[Motor Loans] Terms & Conditions", "Motor loans", "2024-08",
                "checkbox", "I agree to ABC Company's Terms & Conditions", createdAt);
    }

    /** Ids whose order differs from the order of {@code n}, so that a test cannot pass by insertion order. */
    private static ConsentTemplateId id(long n) {
        return ConsentTemplateId.fromUuid(new UUID(0x5DEECE66DL * (n + 1) % 0xFFFF, n));
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void everyFieldRoundTripsAndAbsentOptionalFieldsStayAbsent(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var templates = new JooqConsentTemplateRepository(db.database());
            var full = template(1, T);
            var minimal = new ConsentTemplate(id(2), "Privacy", null, "1", null, "I consent.",
                    Instant.parse("2024-08-09T12:55:51.000001Z"));

            templates.insert(A, full);
            templates.insert(A, minimal);

            assertThat(templates.load(A, full.id())).contains(full);
            assertThat(templates.load(A, minimal.id())).contains(minimal);
            assertThat(templates.load(A, minimal.id()).orElseThrow().title()).isNull();
            assertThat(templates.load(A, minimal.id()).orElseThrow().createdAt().getNano()).isEqualTo(1_000);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theLongestTextsTheDomainAcceptsFitEvenOutsideTheBasicMultilingualPlane(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var templates = new JooqConsentTemplateRepository(db.database());
            var longest = new ConsentTemplate(id(1), ASTRAL.repeat(200), ASTRAL.repeat(200), ASTRAL.repeat(64),
                    ASTRAL.repeat(200), ASTRAL.repeat(65535), T);

            templates.insert(A, longest);

            assertThat(templates.load(A, longest.id())).contains(longest);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anotherAccountCanNeitherLoadNorListNorDeleteATemplate(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var templates = new JooqConsentTemplateRepository(db.database());
            var ofA = template(1, T);
            templates.insert(A, ofA);

            assertThat(templates.load(B, ofA.id())).isEmpty();
            assertThat(templates.list(B, null, 10)).isEmpty();
            assertThat(templates.delete(B, ofA.id())).isFalse();
            assertThat(templates.load(A, ofA.id())).contains(ofA);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void deleteRemovesOnlyThatTemplateAndOnlyOnce(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var templates = new JooqConsentTemplateRepository(db.database());
            var gone = template(1, T);
            var kept = template(2, T);
            templates.insert(A, gone);
            templates.insert(A, kept);

            assertThat(templates.delete(A, gone.id())).isTrue();
            assertThat(templates.delete(A, gone.id())).isFalse();
            assertThat(templates.load(A, gone.id())).isEmpty();
            assertThat(templates.list(A, null, 10)).containsExactly(kept);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void pagingReturnsEveryTemplateOnceNewestFirstWithTiesBrokenById(DatabaseKind kind) {
        try (var db = StartedDatabase.start(kind)) {
            TestAccounts.insertAAndB(db.database());
            var templates = new JooqConsentTemplateRepository(db.database());
            Instant[] createdAts = {T, T, T, T.minusNanos(1_000), T.minusNanos(1_000), T.plusSeconds(60),
                    T.minusSeconds(3_600), T};
            List<ConsentTemplate> stored = new ArrayList<>();
            for (int n = 0; n < createdAts.length; n++) {
                stored.add(template(n, createdAts[n]));
                templates.insert(A, stored.get(n));
            }
            templates.insert(B, template(99, T));

            List<ConsentTemplate> seen = new ArrayList<>();
            PageCursor cursor = null;
            List<ConsentTemplate> page;
            do {
                page = templates.list(A, cursor, 3);
                seen.addAll(page);
                if (!page.isEmpty()) {
                    ConsentTemplate last = page.get(page.size() - 1);
                    cursor = new PageCursor(last.createdAt(), last.id().value());
                }
                // Created while the client pages: newer than every cursor, so never part of this walk.
                templates.insert(A, template(100 + seen.size(), T.plusSeconds(3_600 + seen.size())));
            } while (page.size() == 3);

            assertThat(seen).containsExactlyElementsOf(stored.stream()
                    .sorted(Comparator.comparing(ConsentTemplate::createdAt)
                            .thenComparing(template -> template.id().value()).reversed())
                    .toList());
        }
    }
}
