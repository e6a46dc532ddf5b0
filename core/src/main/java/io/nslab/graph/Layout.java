package io.nslab.graph;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeLabelPlacement;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkLabel;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lays a {@link LabGraph} out with Eclipse ELK's layered algorithm (Sugiyama style: layers top to bottom, narrow enough for a phone, few
 * crossings, orthogonal links) and reads the result back as a {@link Placement}. The node boxes and labels get their
 * size here from {@link TextMetrics}; ELK places them and routes the links around them.
 */
public final class Layout {
    private Layout() {
    }

    /** ELK finds algorithms through a registry; registered once, explicitly, so a shaded jar needs no service file. */
    private static final Object REGISTERED = register();

    private static Object register() {
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
        return Boolean.TRUE;
    }

    /** Labs of up to this many nodes get their parents centred over their children. */
    static final int CENTRED_UP_TO = 300;

    static final double PAD_X = 10;
    static final double PAD_Y = 6;

    /** The size of a node's box: its name, its role and its detail lines, with padding. */
    static Placement.Box size(GraphNode n) {
        double w = TextMetrics.width(n.name(), TextMetrics.NAME_SIZE);
        w = Math.max(w, TextMetrics.width(n.role().word(), TextMetrics.LABEL_SIZE));
        for (String d : n.details()) {
            w = Math.max(w, TextMetrics.width(d, TextMetrics.LABEL_SIZE));
        }
        double h = TextMetrics.NAME_SIZE + 4 + TextMetrics.LINE * (1 + n.details().size());
        return new Placement.Box(0, 0, Math.ceil(w + 2 * PAD_X), Math.ceil(h + 2 * PAD_Y));
    }

    public static Placement of(LabGraph graph) {
        java.util.Objects.requireNonNull(REGISTERED);
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.ORTHOGONAL);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(16));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 30.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 40.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_LABEL, 3.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 12.0);
        // a parent centred over its children, as people draw trees and stars (Brandes-Koepf puts it at one end); that
        // costs about twice the CPU on a 1000-node star (5.7 s against 2.6 s user, measured once), so large labs keep Brandes-Koepf
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, graph.nodes().size() <= CENTRED_UP_TO
                ? org.eclipse.elk.alg.layered.options.NodePlacementStrategy.NETWORK_SIMPLEX
                : org.eclipse.elk.alg.layered.options.NodePlacementStrategy.BRANDES_KOEPF);
        Map<String, ElkNode> byName = new HashMap<>();
        List<ElkNode> nodes = new ArrayList<>();
        for (GraphNode n : graph.nodes()) {
            ElkNode e = ElkGraphUtil.createNode(root);
            Placement.Box size = size(n);
            e.setDimensions(size.width(), size.height());
            byName.put(n.name(), e);
            nodes.add(e);
        }
        Map<String, Integer> depth = depths(graph);
        List<ElkEdge> edges = new ArrayList<>();
        List<Boolean> reversed = new ArrayList<>();
        for (GraphLink l : graph.links()) {
            // links have no direction; ELK's layers follow edges, so each runs away from the first node, breadth first
            boolean flip = depth.getOrDefault(l.a().node(), 0) > depth.getOrDefault(l.b().node(), 0);
            ElkEdge e = ElkGraphUtil.createSimpleEdge(byName.get((flip ? l.b() : l.a()).node()), byName.get((flip ? l.a() : l.b()).node()));
            label(e, (flip ? l.b() : l.a()).text(), EdgeLabelPlacement.TAIL);
            label(e, (flip ? l.a() : l.b()).text(), EdgeLabelPlacement.HEAD);
            l.subnet().ifPresent(s -> label(e, s, EdgeLabelPlacement.CENTER));
            edges.add(e);
            reversed.add(flip);
        }
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        List<Placement.Box> boxes = nodes.stream().map(e -> new Placement.Box(e.getX(), e.getY(), e.getWidth(), e.getHeight())).toList();
        List<Placement.Route> routes = new ArrayList<>();
        for (int i = 0; i < edges.size(); i++) {
            routes.add(route(edges.get(i), reversed.get(i), graph.links().get(i).subnet().isPresent()));
        }
        return new Placement(root.getWidth(), root.getHeight(), boxes, routes);
    }

    private static void label(ElkEdge e, String text, EdgeLabelPlacement where) {
        ElkLabel l = ElkGraphUtil.createLabel(text, e);
        l.setProperty(CoreOptions.EDGE_LABELS_PLACEMENT, where);
        l.setDimensions(Math.ceil(TextMetrics.width(text, TextMetrics.LABEL_SIZE)) + 4, TextMetrics.LABEL_SIZE + 4);
    }

    private static Placement.Route route(ElkEdge e, boolean reversed, boolean hasSubnet) {
        List<Placement.Point> points = new ArrayList<>();
        for (ElkEdgeSection s : e.getSections()) {
            points.add(new Placement.Point(s.getStartX(), s.getStartY()));
            s.getBendPoints().forEach(b -> points.add(new Placement.Point(b.getX(), b.getY())));
            points.add(new Placement.Point(s.getEndX(), s.getEndY()));
        }
        List<Placement.Label> labels = e.getLabels().stream()
                .map(l -> new Placement.Label(new Placement.Box(l.getX(), l.getY(), l.getWidth(), l.getHeight()), l.getText())).toList();
        Placement.Label tail = labels.get(0);
        Placement.Label head = labels.get(1);
        Optional<Placement.Label> center = hasSubnet ? Optional.of(labels.get(2)) : Optional.empty();
        if (reversed) {
            return new Placement.Route(points.reversed(), head, tail, center);
        }
        return new Placement.Route(points, tail, head, center);
    }

    /** Each node's distance from the first node of its component, in links (breadth first). */
    private static Map<String, Integer> depths(LabGraph graph) {
        Map<String, List<String>> next = new HashMap<>();
        for (GraphLink l : graph.links()) {
            next.computeIfAbsent(l.a().node(), k -> new ArrayList<>()).add(l.b().node());
            next.computeIfAbsent(l.b().node(), k -> new ArrayList<>()).add(l.a().node());
        }
        Map<String, Integer> depth = new HashMap<>();
        for (GraphNode start : graph.nodes()) {
            if (depth.containsKey(start.name())) {
                continue;
            }
            depth.put(start.name(), 0);
            ArrayDeque<String> queue = new ArrayDeque<>(List.of(start.name()));
            while (!queue.isEmpty()) {
                String n = queue.poll();
                for (String m : next.getOrDefault(n, List.of())) {
                    if (depth.putIfAbsent(m, depth.get(n) + 1) == null) {
                        queue.add(m);
                    }
                }
            }
        }
        return depth;
    }
}
