package io.nslab.model.load;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

import java.util.Optional;

/**
 * Passes a YAML parser's events on and stops at the first collection nested deeper than a limit, or at
 * the first event past a count. The parser keeps its state on a heap stack, but the composer recurses
 * once per level: without the depth limit {@code [[[[...} a hundred thousand deep overflows the thread's
 * stack. Without the count, eight megabytes of {@code [x,x,x,...} become four million nodes (a gigabyte
 * of heap, many seconds). snakeyaml-engine has neither setting.
 */
final class BoundedParser implements Parser {
    /** Thrown at the event that crosses a limit. */
    static final class Refusal extends RuntimeException {
        private final transient Optional<Mark> at;

        Refusal(Optional<Mark> at, String message) {
            super(message, null, false, false);
            this.at = at;
        }

        Optional<Mark> at() {
            return at;
        }
    }

    private final Parser parser;
    private final int maxDepth;
    private final int maxEvents;
    private int depth;
    private int events;

    BoundedParser(Parser parser, int maxDepth, int maxEvents) {
        this.parser = parser;
        this.maxDepth = maxDepth;
        this.maxEvents = maxEvents;
    }

    @Override
    public boolean checkEvent(Event.ID choice) {
        return parser.checkEvent(choice);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event e = parser.next();
        if (++events > maxEvents) {
            throw new Refusal(e.getStartMark(), "more than " + maxEvents + " values; a lab file is far smaller");
        }
        switch (e.getEventId()) {
            case SequenceStart, MappingStart -> {
                if (++depth > maxDepth) {
                    throw new Refusal(e.getStartMark(), "nested more than " + maxDepth + " levels deep");
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            default -> {
            }
        }
        return e;
    }
}
