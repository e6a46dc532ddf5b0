package io.nslab.deploy;

import io.nslab.NslabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The state directory holds records of labs and nothing of anyone else's is taken for one, or deleted. */
class StateStoreTest {
    @TempDir
    Path tmp;

    @Test
    void aNameThatIsNotALabNameMakesNoPath() {
        StateStore store = new StateStore(tmp.resolve("nslab"));
        for (String name : List.of("..", ".", "../x", "a/b", tmp.toString(), "", "x\0")) {
            assertThatThrownBy(() -> store.lab(name)).as(name).isInstanceOf(NslabException.class).hasMessageContaining("lab name");
            assertThatThrownBy(() -> store.lock(name)).as(name).isInstanceOf(NslabException.class);
        }
    }

    @Test
    void onlyDirectoriesWithALockAreLabs() throws IOException {
        StateStore store = new StateStore(tmp);
        Files.createDirectories(tmp.resolve("not-a-lab"));
        store.lock("lab1").close();
        assertThat(store.labs()).containsExactly("lab1");
    }

    @Test
    void anEmptyDirectoryWithoutALockIsAnAbandonedRecordAndOnlyThatIsRemoved() throws IOException {
        StateStore store = new StateStore(tmp);
        Files.createDirectories(tmp.resolve("killed")); // an up killed between making its directory and its lock
        Files.createDirectories(tmp.resolve("not-a-lab"));
        Files.writeString(tmp.resolve("not-a-lab/file"), "keep\n");
        store.lock("lab1").close();
        assertThat(store.removeAbandoned()).containsExactly("killed");
        assertThat(tmp.resolve("killed")).doesNotExist();
        assertThat(tmp.resolve("not-a-lab/file")).hasContent("keep");
        assertThat(store.labs()).containsExactly("lab1");
        store.lock("killed").close(); // and the name can be used again
        assertThat(store.labs()).containsExactly("killed", "lab1");
    }

    @Test
    void deletingARecordLeavesFilesItDidNotWrite() throws IOException {
        StateStore store = new StateStore(tmp);
        store.lock("lab1").close();
        LabRecord record = store.lab("lab1");
        record.claimNamespaces(List.of(io.nslab.model.NamespaceRef.named("ns1")));
        record.saveAppliedLab("name: lab1\n");
        Files.writeString(tmp.resolve("lab1/someone-elses"), "keep\n");
        record.delete();
        assertThat(tmp.resolve("lab1/someone-elses")).hasContent("keep");
        assertThat(tmp.resolve("lab1")).isDirectoryNotContaining(p -> !p.getFileName().toString().equals("someone-elses"));
        Files.delete(tmp.resolve("lab1/someone-elses"));
        store.lock("lab1").close();
        store.lab("lab1").delete();
        assertThat(tmp.resolve("lab1")).doesNotExist();
    }
}
