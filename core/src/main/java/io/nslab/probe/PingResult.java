package io.nslab.probe;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a ping: either the sender's kernel refused at once ({@code connectError}),
 * or requests went out and these events came back. The same record from both worlds, so
 * one renderer prints iputils' text for both.
 *
 * @param source  the source address the kernel chose
 * @param elapsed the "time" of ping's statistics line
 * @param pipe    iputils' "pipe": the most requests outstanding when one was answered (by a reply or an error), counting
 *                it; ping prints it when above 1
 */
public record PingResult(PingRequest request, Optional<LocalError> connectError, Optional<io.nslab.model.IpAddress> source,
                         int transmitted, List<PingEvent> events, Duration elapsed, int pipe) {

    public PingResult {
        events = List.copyOf(events);
    }

    /** A result whose answers each came before the next request left: no pipe line. */
    public PingResult(PingRequest request, Optional<LocalError> connectError, Optional<io.nslab.model.IpAddress> source,
                      int transmitted, List<PingEvent> events, Duration elapsed) {
        this(request, connectError, source, transmitted, events, elapsed, 1);
    }

    /** A ping refused before anything was sent. */
    public static PingResult refused(PingRequest request, LocalError error) {
        return new PingResult(request, Optional.of(error), Optional.empty(), 0, List.of(), Duration.ZERO, 0);
    }

    /** Requests answered by a reply, each counted once (a duplicate reply is not another). */
    public long received() {
        // a loop, not a stream: all-pairs asks this of two million results
        long count = 0;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof PingEvent.Reply r && firstReplyTo(r.seq(), i)) {
                count++;
            }
        }
        return count;
    }

    private boolean firstReplyTo(int seq, int index) {
        for (int i = 0; i < index; i++) {
            if (events.get(i) instanceof PingEvent.Reply r && r.seq() == seq) {
                return false;
            }
        }
        return true;
    }

    public long errors() {
        long count = 0;
        for (PingEvent e : events) {
            if (e instanceof PingEvent.Error err && !err.kind().isRedirect()) {
                count++;
            }
        }
        return count;
    }

    /** ping's exit status: 0 when a reply came, 1 when none did, 2 for a local error. */
    public int exitStatus() {
        if (connectError.isPresent()) {
            return 2;
        }
        return received() > 0 ? 0 : 1;
    }
}
