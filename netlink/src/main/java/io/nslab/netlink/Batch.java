package io.nslab.netlink;

import java.util.ArrayList;
import java.util.List;

/**
 * Many requests sent together: they are encoded one after another into as few datagrams as possible (one
 * {@code sendmsg} for up to a thousand requests), each with NLM_F_ACK, and every ACK is matched to its request by
 * sequence number. The kernel carries on after a failed request, so each one succeeds or fails on its own.
 *
 * <p>The operation views ({@link #links()}, ...) queue their changes instead of sending them; their queries (get,
 * list) and name lookups still go straight to the kernel, so a link created in this batch cannot be named by a
 * later request of the same batch unless that request addresses it by name itself (link operations do).
 * <pre>{@code
 * Batch batch = hub.batch();
 * batch.links().setUp("v1");
 * batch.addresses().add(AddressInfo.of(hub.links().indexOf("v1"), "10.0.1.1/24"));
 * batch.send(); // throws BatchException listing each failed request
 * }</pre>
 */
public final class Batch {
    private final Netlink netlink;
    private final List<Request> requests = new ArrayList<>();
    private final LinkOps links;
    private final AddressOps addresses;
    private final RouteOps routes;
    private final NeighbourOps neighbours;

    Batch(Netlink netlink) {
        this.netlink = netlink;
        this.links = new LinkOps(netlink, this);
        this.addresses = new AddressOps(netlink, this);
        this.routes = new RouteOps(netlink, this);
        this.neighbours = new NeighbourOps(netlink, this);
    }

    public LinkOps links() {
        return links;
    }

    public AddressOps addresses() {
        return addresses;
    }

    public RouteOps routes() {
        return routes;
    }

    public NeighbourOps neighbours() {
        return neighbours;
    }

    void add(Request request) {
        requests.add(request);
    }

    /** Requests queued and not yet sent. */
    public int size() {
        return requests.size();
    }

    /** The equivalent {@code ip -batch} lines of the queued requests. */
    public List<String> commands() {
        return requests.stream().map(Request::command).toList();
    }

    /** Sends the queued requests and returns every outcome; the batch is empty afterwards. */
    public List<BatchResult> trySend() {
        List<Request> toSend = List.copyOf(requests);
        requests.clear();
        return netlink.executeAll(toSend);
    }

    /**
     * Sends the queued requests; the batch is empty afterwards.
     *
     * @throws BatchException if the kernel refused any of them, listing each failure with its index
     */
    public void send() {
        List<BatchResult> results = trySend();
        if (results.stream().anyMatch(r -> !r.ok())) {
            throw new BatchException(results);
        }
    }
}
