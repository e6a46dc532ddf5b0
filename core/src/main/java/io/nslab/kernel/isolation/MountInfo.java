package io.nslab.kernel.isolation;

/**
 * Fields of {@code /proc/self/mountinfo}. The kernel writes a space, tab, newline or backslash in a path
 * as an octal escape ({@code \040}, {@code \011}, {@code \012}, {@code \134}), so that fields split on
 * spaces; a path read from there is compared only after undoing that.
 */
final class MountInfo {
    private MountInfo() {
    }

    /** The path a mountinfo field stands for. */
    static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder sb = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && isOctal(field, i + 1) && isOctal(field, i + 2) && isOctal(field, i + 3)) {
                sb.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** The mount point of a mountinfo line (its fifth field). */
    static String mountPoint(String line) {
        return unescape(line.split(" ")[4]);
    }

    private static boolean isOctal(String s, int i) {
        return i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '7';
    }
}
