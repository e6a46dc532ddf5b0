package io.nslab.model.load;

import java.util.List;

/** A node as written. */
record RawNode(Located<String> name, RawSettings settings, List<Located<String>> loopbackAddresses,
               List<RawRoute> routes, List<RawBridge> bridges, RawFirewall firewall, RawStartup startup) {
}
