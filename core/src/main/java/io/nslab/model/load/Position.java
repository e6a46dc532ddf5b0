package io.nslab.model.load;

/** A place in a source file; line and column count from 1, as editors and compilers print them. */
public record Position(String file, int line, int column) implements Comparable<Position> {

    /** The position {@code offset} characters further on the same line. */
    public Position plus(int offset) {
        return new Position(file, line, column + offset);
    }

    /** {@code line:column}, for pointing at another place in the same file. */
    public String lineColumn() {
        return line + ":" + column;
    }

    @Override
    public int compareTo(Position o) {
        int c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
