package io.nslab.fidelity;

import io.nslab.model.Lab;
import io.nslab.model.load.LabLoader;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated labs are valid lab files: written out and loaded back, they are the same lab. */
class LabYamlTest {

    @Provide
    Arbitrary<Lab> labs() {
        return LabGenerator.labs();
    }

    @Property(tries = 300)
    void writtenLabsLoadBackEqual(@ForAll("labs") Lab lab) {
        String yaml = LabYaml.write(lab);
        assertThat(LabLoader.parse("generated.yaml", yaml)).as(yaml).isEqualTo(lab);
    }

    @Property(tries = 100)
    void theScriptHasOneCommandPerOp(@ForAll("labs") Lab lab) {
        String script = LabScript.write(lab);
        assertThat(script.lines().filter(l -> l.startsWith("ip ")).count())
                .isEqualTo(io.nslab.op.LabPlanner.plan(lab).stream().filter(op -> op.command().startsWith("ip ")).count());
        assertThat(script).contains("ip netns add n0\n").contains("ip netns add n1\n");
    }
}
