package dev.signals.application.port.in;

/**
 * Keeps this node's event index within its horizon (issue 18): the events that occurred longer ago than the longest
 * window plus the look-back the node serves from memory leave it, but for each subject's latest of each type.
 */
public interface AgeIndexUseCase {

    /**
     * Moves the index's horizon to now minus its length, letting the events before it go.
     *
     * @return how many events left memory (0 when none did, or when the index keeps everything)
     */
    int ageOut();
}
