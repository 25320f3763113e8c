package dev.signals.application.service;

import dev.signals.application.port.in.AgeIndexUseCase;
import dev.signals.application.port.out.EventIndexPort;
import dev.signals.domain.catalogue.Window;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The index's horizon, {@code length} before now (issue 18): a request whose {@code asOf} is at most {@code length}
 * minus the longest window (180 days) in the past is answered from memory; one further back reads the subject's
 * events from the journal. A length of zero keeps every event in memory.
 */
public final class IndexAging implements AgeIndexUseCase {

    /** The longest window: a horizon must be at least that long, or no request could be answered from memory. */
    public static final Duration SHORTEST = Window.longest().length();

    private final EventIndexPort index;
    private final Duration length;
    private final Clock clock;

    /**
     * @param length how far back from now the index holds every event; zero for no horizon
     * @throws IllegalArgumentException when the length is shorter than the longest window, and not zero
     */
    public IndexAging(EventIndexPort index, Duration length, Clock clock) {
        this.index = Objects.requireNonNull(index, "index");
        this.length = Objects.requireNonNull(length, "length");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!length.isZero() && length.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("the index's horizon must be at least " + SHORTEST.toDays()
                    + " days (the longest window), or 0 to keep every event; it is " + length.toDays() + " days");
        }
    }

    @Override
    public int ageOut() {
        return length.isZero() ? 0 : index.keepInFullFrom(clock.instant().minus(length));
    }
}
