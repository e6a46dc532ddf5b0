package io.nslab.cli;

import io.nslab.fault.Faults;
import io.nslab.fault.Partition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code nslab partition LAB GROUP GROUP...}: split a running lab into groups that cannot reach one another. */
@Command(name = "partition", mixinStandardHelpOptions = true,
        description = "Partition a running lab: each GROUP is a comma-separated list of nodes; a packet from a node of one "
                + "group to a node of another is dropped where it would be delivered, in both directions (a TCP connect "
                + "times out). Nodes in no group still reach everyone. Made of one nf_tables table (inet nslab_partition) "
                + "in each node of a group, replacing any partition before; nslab heal removes it. Needs root.")
final class PartitionCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LAB", description = "A running lab's name or its file.")
    String labArgument;

    @Parameters(index = "1..*", arity = "2..*", paramLabel = "GROUP", description = "Nodes, comma-separated (ns1,ns2).")
    List<String> groups;

    @Mixin
    KernelOptions kernel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return FaultRun.run("partition", labArgument, kernel, spec, (network, lab) -> {
            Faults.partition(network, lab, Partition.of(lab, groups));
            return " is partitioned: " + String.join(" | ", groups);
        });
    }
}
