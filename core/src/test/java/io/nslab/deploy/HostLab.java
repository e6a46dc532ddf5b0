package io.nslab.deploy;

/**
 * A lab with a host endpoint ({@code host:nslab-h0}) and a route on the host through it, for the tests
 * that look at it from the file, the plan and the simulator (here) and from a sandboxed kernel (cli's
 * HostEndpointSandboxTest). Not an example: the examples are built in the tests' own network namespace,
 * and a host endpoint would change the real host.
 */
public final class HostLab {
    public static final String YAML = """
            name: hostlab
            host:
              routes: [10.77.1.0/24 via 10.77.0.2]
            nodes:
              r: {forwarding: true}
              b: {routes: [default via 10.77.1.1]}
            links:
              - endpoints: ["r:up0 10.77.0.2/24", "host:nslab-h0 10.77.0.1/24"]
              - endpoints: ["r:down0 10.77.1.1/24", "b:eth0 10.77.1.2/24"]
            """;

    private HostLab() {
    }
}
