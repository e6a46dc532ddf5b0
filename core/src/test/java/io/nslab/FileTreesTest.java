package io.nslab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FileTreesTest {
    @TempDir
    Path tmp;

    /** A tree of files, directories and links, one of them to a directory outside with a file in it. */
    private Path tree(Path outsideFile) throws IOException {
        Path top = Files.createDirectory(tmp.resolve("top"));
        for (int i = 0; i < 50; i++) {
            Files.createFile(top.resolve("ns" + i));
        }
        Path deep = Files.createDirectories(top.resolve("sys/ipv4/conf/all"));
        Files.writeString(deep.resolve("forwarding"), "0\n");
        Files.createDirectories(top.resolve("empty/dir"));
        Files.createSymbolicLink(top.resolve("sys/out"), outsideFile.getParent());
        Files.createSymbolicLink(top.resolve("file-link"), outsideFile);
        return top;
    }

    private Path outside() throws IOException {
        Path d = Files.createDirectory(tmp.resolve("outside"));
        return Files.writeString(d.resolve("keep"), "kept\n");
    }

    @Test
    void removesTheTreeAndNothingALinkLeadsTo() throws IOException {
        Path keep = outside();
        Path top = tree(keep);

        FileTrees.delete(top, false);

        assertThat(top).doesNotExist();
        assertThat(keep).hasContent("kept");
    }

    @Test
    void keepsTheTopWhenAsked() throws IOException {
        Path keep = outside();
        Path top = tree(keep);

        FileTrees.delete(top, true);

        assertThat(top).isEmptyDirectory();
        assertThat(keep).hasContent("kept");
    }

    @Test
    void aLinkGivenAsTheTopIsRemovedNotFollowed() throws IOException {
        Path keep = outside();
        Path link = Files.createSymbolicLink(tmp.resolve("link"), keep.getParent());

        FileTrees.delete(link, true);

        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(keep).hasContent("kept");
    }
}
