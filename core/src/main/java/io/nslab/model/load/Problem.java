package io.nslab.model.load;

/** One thing wrong with an input, at a position: {@code seed.yaml:12:7: unknown node "ns3"}. */
public record Problem(Position position, String message) implements Comparable<Problem> {

    /** The message as printed: one line, control characters escaped, a huge quoted value cut short. */
    public Problem {
        message = io.nslab.MessageText.oneLine(message);
    }

    @Override
    public int compareTo(Problem o) {
        return position.compareTo(o.position);
    }

    @Override
    public String toString() {
        return position + ": " + message;
    }
}
