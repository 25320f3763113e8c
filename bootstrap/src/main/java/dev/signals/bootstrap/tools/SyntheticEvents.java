package dev.signals.bootstrap.tools;

import dev.signals.application.port.in.EventReport;
import dev.signals.domain.catalogue.EventType;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * A realistic, reproducible data set for demos and benchmarks: the events of a lending network over the
 * last year. Subjects are drawn with a power law, so most have a few events and a few have very many
 * (the way a network sees ordinary borrowers and loan shoppers); institutions too, so a few large
 * lenders report most events. Types follow a loan's life (applications, approvals, disbursements,
 * reminders, repayments, some overdues and debts, and marketing, captcha and other noise); amounts,
 * overdue days and automatic repayments are drawn within plausible ranges. The same seed and
 * {@code now} always give the same events, with the same ids ({@code gen-<seed>-<date of now>-<n>}), so
 * reporting them again only makes duplicates. Each report's index is its position, from 1.
 */
public final class SyntheticEvents {

    private static final EventType[] TYPES = EventType.values();
    /** Relative frequency of each type, in {@link EventType} order. */
    private static final int[] WEIGHTS = {10, 12, 8, 4, 8, 14, 16, 8, 3, 6, 3, 4, 2, 2};
    private static final int[] CUMULATIVE = new int[WEIGHTS.length];
    private static final int TOTAL_WEIGHT;
    private static final long YEAR_SECONDS = Duration.ofDays(365).toSeconds();

    static {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += WEIGHTS[i];
            CUMULATIVE[i] = sum;
        }
        TOTAL_WEIGHT = sum;
    }

    private final int subjects;
    private final int institutions;
    private final Instant now;
    private final String idPrefix;
    private final SplittableRandom random;
    private long sequence;

    /**
     * @param subjects     distinct phone numbers, at most 90,000,000
     * @param institutions distinct reporting institutions
     */
    public SyntheticEvents(int subjects, int institutions, Instant now, long seed) {
        if (subjects < 1 || subjects > 90_000_000) {
            throw new IllegalArgumentException("subjects must be between 1 and 90,000,000");
        }
        if (institutions < 1 || institutions > 10_000) {
            throw new IllegalArgumentException("institutions must be between 1 and 10,000");
        }
        this.subjects = subjects;
        this.institutions = institutions;
        this.now = now;
        this.idPrefix = "gen-" + seed + "-" + DateTimeFormatter.BASIC_ISO_DATE.format(now.atOffset(ZoneOffset.UTC)) + "-";
        this.random = new SplittableRandom(seed);
    }

    /** The institution id of institution {@code n} (0-based). */
    public static String institutionId(int n) {
        return String.format("lender-%04d", n);
    }

    /** The phone number of subject {@code n} (0-based): valid Philippine mobile numbers. */
    public static String phoneOf(int n) {
        return "+639" + (17 + n / 10_000_000) + String.format("%07d", n % 10_000_000);
    }

    /** The next event and the institution reporting it. */
    public Generated next() {
        int subject = skewed(subjects, 2.5);
        int institution = skewed(institutions, 1.8);
        EventType type = type();
        long ageSeconds = random.nextLong(YEAR_SECONDS);
        Instant occurredAt = now.minusSeconds(ageSeconds);
        Instant reportedAt = occurredAt.plusSeconds(random.nextLong(6 * 3_600));
        if (reportedAt.isAfter(now)) {
            reportedAt = now;
        }
        BigDecimal amount = null;
        Integer overdueDays = null;
        Boolean autoRepayment = null;
        switch (type) {
            case LOAN_DISBURSEMENT -> amount = money(1_000, 100_000, 0);
            case REPAYMENT_REMINDER, SUCCESSFUL_REPAYMENT -> amount = money(100, 20_000, 2);
            case OVERDUE -> {
                amount = money(100, 50_000, 2);
                overdueDays = 1 + random.nextInt(180);
                autoRepayment = random.nextInt(4) == 0;
            }
            case DEBT -> amount = money(500, 80_000, 2);
            default -> {
            }
        }
        String email = subject % 3 == 0 ? "borrower" + subject + "@example.com" : null;
        sequence++;
        String eventId = idPrefix + Long.toString(sequence, 36);
        int index = (int) Math.min(Integer.MAX_VALUE, sequence);
        EventReport report = new EventReport(index, eventId, type.name(), phoneOf(subject), null, email, occurredAt, reportedAt,
                amount, overdueDays, autoRepayment, null);
        return new Generated(institutionId(institution), report);
    }

    /** An index in [0, n): small indexes far more often than large ones. */
    private int skewed(int n, double exponent) {
        return Math.min(n - 1, (int) (n * Math.pow(random.nextDouble(), exponent)));
    }

    private EventType type() {
        int pick = random.nextInt(TOTAL_WEIGHT);
        for (int i = 0; i < CUMULATIVE.length; i++) {
            if (pick < CUMULATIVE[i]) {
                return TYPES[i];
            }
        }
        throw new IllegalStateException("weights cover every pick");
    }

    private BigDecimal money(int min, int max, int scale) {
        double value = min + random.nextDouble() * (max - min);
        return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP);
    }

    /** One generated event and the institution that reports it. */
    public record Generated(String institutionId, EventReport report) {
    }
}
