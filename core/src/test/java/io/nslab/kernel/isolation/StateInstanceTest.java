package io.nslab.kernel.isolation;

import io.nslab.NslabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A state directory's instance id: made once, kept, and refused when its file is not the one made for that directory. */
class StateInstanceTest {
    @TempDir
    Path tmp;

    @Test
    void madeOnceAndKept() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("state"));
        assertThat(StateInstance.find(root)).isEmpty();
        StateInstance made = StateInstance.obtain(root);
        assertThat(made.id()).matches("[0-9a-f]{16}");
        assertThat(StateInstance.obtain(root)).isEqualTo(made);
        assertThat(StateInstance.find(root)).hasValue(made);
        try (var files = Files.list(root)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("instance");
        }
        assertThat(StateInstance.obtain(Files.createDirectories(tmp.resolve("other")))).isNotEqualTo(made);
    }

    @Test
    void processesThatMakeItAtOnceAgreeOnOne() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("state"));
        List<CompletableFuture<StateInstance>> all = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            all.add(CompletableFuture.supplyAsync(() -> StateInstance.obtain(root), r -> Thread.ofPlatform().start(r)));
        }
        Set<StateInstance> seen = new HashSet<>();
        all.forEach(f -> seen.add(f.join()));
        assertThat(seen).hasSize(1);
    }

    @Test
    void anotherDirectorysFileALinkOrGarbageIsRefused() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        StateInstance.obtain(a);
        Files.copy(a.resolve("instance"), b.resolve("instance"));
        assertThatThrownBy(() -> StateInstance.find(b)).isInstanceOf(NslabException.class).hasMessageContaining("another state directory");
        assertThatThrownBy(() -> StateInstance.obtain(b)).isInstanceOf(NslabException.class);

        Files.delete(b.resolve("instance"));
        Files.createSymbolicLink(b.resolve("instance"), a.resolve("instance"));
        assertThatThrownBy(() -> StateInstance.find(b)).hasMessageContaining("a symbolic link");

        Files.delete(b.resolve("instance"));
        Files.writeString(b.resolve("instance"), "../../etc 1 2\n");
        assertThatThrownBy(() -> StateInstance.find(b)).hasMessageContaining("not an instance record");

        Files.delete(b.resolve("instance"));
        Files.createDirectory(b.resolve("instance"));
        assertThatThrownBy(() -> StateInstance.find(b)).hasMessageContaining("not a regular file");
        assertThat(a.resolve("instance")).isRegularFile();
    }
}
