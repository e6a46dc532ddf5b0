package io.nslab.api;

import io.nslab.NslabException;
import io.nslab.deploy.Deployer;
import io.nslab.deploy.Interruption;
import io.nslab.deploy.KernelTarget;
import io.nslab.deploy.StateStore;
import io.nslab.kernel.KernelNetwork;
import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import io.nslab.netlink.NamedNamespaces;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a JVM that is not root has done for it inside the user's rootless holder (its user and mount namespaces,
 * where the user is root), as the command line does with {@code nslab up}: a JVM cannot join a user namespace
 * itself (setns into one needs a single-threaded process), so a short-lived child JVM does the deploying.
 * {@code up NAME NETNS_DIR STATE_DIR} reads the lab's text on standard input; {@code down NAME NETNS_DIR STATE_DIR}.
 * Exit 0, or the exit code of the failure with its message on standard error. Not an API.
 */
public final class RootlessAgent {
    private RootlessAgent() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: RootlessAgent up|down NAME NETNS_DIR STATE_DIR");
            System.exit(4);
        }
        try (KernelNetwork network = new KernelNetwork(NamedNamespaces.at(Path.of(args[2])))) {
            Deployer deployer = new Deployer(new StateStore(Path.of(args[3])), new KernelTarget(network), new Interruption())
                    .lockWait(Duration.ofSeconds(60), s -> { });
            switch (args[0]) {
                case "up" -> {
                    String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
                    Lab lab = LabLoader.parse(args[1], text);
                    deployer.up(lab, text, op -> { });
                    try {
                        io.nslab.fault.Impairments.apply(network, Optional.empty(), lab);
                    } catch (RuntimeException e) {
                        deployer.down(lab.name());
                        throw e;
                    }
                    deployer.awaitCarrier(lab, Duration.ofSeconds(2));
                }
                case "down" -> deployer.down(args[1]);
                default -> throw new IllegalArgumentException(args[0]);
            }
        } catch (NslabException e) {
            System.err.println(e.getMessage());
            System.exit(e.exitCode().code());
        } catch (RuntimeException e) {
            System.err.println(e);
            System.exit(4);
        }
        System.exit(0);
    }
}
