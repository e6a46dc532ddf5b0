package io.nslab.graph;

import java.util.List;

/**
 * Where the layout put everything, in SVG user units (pixels), origin top left.
 *
 * @param nodes one box per {@link LabGraph#nodes()}, in the same order
 * @param links one route per {@link LabGraph#links()}, in the same order
 */
public record Placement(double width, double height, List<Box> nodes, List<Route> links) {
    public Placement {
        nodes = List.copyOf(nodes);
        links = List.copyOf(links);
    }

    public record Point(double x, double y) {
    }

    public record Box(double x, double y, double width, double height) {
        /** True when the two boxes share any area (touching edges do not count). */
        public boolean overlaps(Box o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }
    }

    /** A label's box and text, placed by the layout next to its link. */
    public record Label(Box box, String text) {
    }

    /**
     * A link's line from its first end to its second, and its labels.
     *
     * @param aLabel at the first end: its interface and addresses
     * @param bLabel at the second end
     * @param subnetLabel in the middle, when the link has a subnet
     */
    public record Route(List<Point> points, Label aLabel, Label bLabel, java.util.Optional<Label> subnetLabel) {
        public Route {
            points = List.copyOf(points);
        }
    }
}
