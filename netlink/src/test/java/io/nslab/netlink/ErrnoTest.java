package io.nslab.netlink;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ErrnoTest {
    /** Names that share a number with an earlier one; glibc names the number by the earlier one. */
    private static final Map<String, String> ALIASES = Map.of("EWOULDBLOCK", "EAGAIN", "EDEADLOCK", "EDEADLK",
            "ENOTSUP", "EOPNOTSUPP");

    private static List<Field> constants() {
        List<Field> out = new ArrayList<>();
        for (Field f : Errno.class.getDeclaredFields()) {
            int m = f.getModifiers();
            if (f.getType() == Errno.class && Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m)) {
                out.add(f);
            }
        }
        return out;
    }

    @Test
    void everyConstantRoundTripsThroughItsNumber() throws IllegalAccessException {
        Set<Integer> numbers = new HashSet<>();
        List<Field> constants = constants();
        for (Field f : constants) {
            Errno e = (Errno) f.get(null);
            Errno again = Errno.of(e.number());
            assertThat(again).isEqualTo(e);
            assertThat(again.name()).as(f.getName()).isEqualTo(ALIASES.getOrDefault(f.getName(), f.getName()));
            assertThat(again.text()).as(f.getName()).isNotBlank().doesNotStartWith("Unknown error");
            assertThat(again.isKnown()).isTrue();
            if (!ALIASES.containsKey(f.getName())) {
                assertThat(numbers.add(e.number())).as("%s has a number of its own", f.getName()).isTrue();
            }
        }
        // Linux numbers 1..133 with two gaps (41 and 58, whose old names are the aliases)
        assertThat(numbers).hasSize(131);
        assertThat(Errno.known()).hasSize(131).extracting(Errno::number).containsExactlyElementsOf(numbers.stream().sorted().toList());
        assertThat(Errno.known()).allSatisfy(e -> assertThat(constants.stream().anyMatch(f -> f.getName().equals(e.name()))).isTrue());
    }

    @Test
    void theCommonOnesHaveLinuxsNumbersAndGlibcsWords() {
        // include/uapi/asm-generic/errno-base.h and errno.h
        Map<Errno, Integer> linux = Map.ofEntries(Map.entry(Errno.EPERM, 1), Map.entry(Errno.ENOENT, 2),
                Map.entry(Errno.ESRCH, 3), Map.entry(Errno.EINTR, 4), Map.entry(Errno.EIO, 5), Map.entry(Errno.EBADF, 9),
                Map.entry(Errno.EAGAIN, 11), Map.entry(Errno.ENOMEM, 12), Map.entry(Errno.EACCES, 13),
                Map.entry(Errno.EBUSY, 16), Map.entry(Errno.EEXIST, 17), Map.entry(Errno.ENODEV, 19),
                Map.entry(Errno.EINVAL, 22), Map.entry(Errno.ENOSPC, 28), Map.entry(Errno.ERANGE, 34),
                Map.entry(Errno.ELOOP, 40), Map.entry(Errno.EMSGSIZE, 90), Map.entry(Errno.EPROTONOSUPPORT, 93),
                Map.entry(Errno.EOPNOTSUPP, 95), Map.entry(Errno.EAFNOSUPPORT, 97), Map.entry(Errno.EADDRINUSE, 98),
                Map.entry(Errno.EADDRNOTAVAIL, 99), Map.entry(Errno.ENETDOWN, 100), Map.entry(Errno.ENETUNREACH, 101),
                Map.entry(Errno.ENOBUFS, 105), Map.entry(Errno.ETIMEDOUT, 110), Map.entry(Errno.ECONNREFUSED, 111),
                Map.entry(Errno.EHOSTUNREACH, 113), Map.entry(Errno.EHWPOISON, 133));
        linux.forEach((e, n) -> assertThat(e.number()).as(e.name()).isEqualTo(n));
        assertThat(Errno.EWOULDBLOCK).isEqualTo(Errno.EAGAIN);
        assertThat(Errno.ENOTSUP).isEqualTo(Errno.EOPNOTSUPP);

        assertThat(Errno.EEXIST.text()).isEqualTo("File exists");
        assertThat(Errno.ENODEV.text()).isEqualTo("No such device");
        assertThat(Errno.EAGAIN.text()).isEqualTo("Resource temporarily unavailable");
        assertThat(Errno.ENETUNREACH.text()).isEqualTo("Network is unreachable");
        assertThat(Errno.EADDRNOTAVAIL.text()).isEqualTo("Cannot assign requested address");
        assertThat(Errno.EOPNOTSUPP.name()).isEqualTo("EOPNOTSUPP");
        assertThat(Errno.EEXIST).hasToString("EEXIST");
    }

    @Test
    void aNumberOutsideTheTableReadsAsGlibcPrintsIt() {
        Errno notsupp = Errno.of(524); // the kernel-internal ENOTSUPP, which some drivers let out
        assertThat(notsupp.isKnown()).isFalse();
        assertThat(new NativeException("sendmsg", 524)).hasMessage("sendmsg: errno 524 (Unknown error 524)");
        assertThat(new NativeException("sendmsg", 524).is(notsupp)).isTrue();
        assertThat(new NativeException("sendmsg", 524).is(Errno.EOPNOTSUPP)).isFalse();
        assertThatThrownBy(() -> Errno.of(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Errno.of(-17)).isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The table was written by hand; where the C library has names of its own (glibc 2.32 and later), every entry
     * must read as it does. On musl or an older glibc there is nothing to compare with.
     */
    @Test
    void theTableAgreesWithTheCLibraryWhereItHasNames() throws Throwable {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> nameFn = linker.defaultLookup().find("strerrorname_np");
        Optional<MemorySegment> descFn = linker.defaultLookup().find("strerrordesc_np");
        if (nameFn.isEmpty() || descFn.isEmpty()) {
            System.out.println("ErrnoTest: skipped the comparison: this C library has no strerrorname_np/strerrordesc_np");
            Assumptions.abort("this C library has no strerrorname_np/strerrordesc_np (musl, or glibc before 2.32)");
        }
        FunctionDescriptor d = FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT);
        MethodHandle name = linker.downcallHandle(nameFn.get(), d);
        MethodHandle desc = linker.downcallHandle(descFn.get(), d);
        int compared = 0;
        for (int n = 1; n < 600; n++) {
            MemorySegment p = (MemorySegment) name.invokeExact(n);
            if (p.equals(MemorySegment.NULL)) {
                assertThat(Errno.of(n).isKnown()).as("errno %d, which the C library does not name", n).isFalse();
                continue;
            }
            MemorySegment t = (MemorySegment) desc.invokeExact(n);
            assertThat(Errno.of(n).name()).isEqualTo(p.reinterpret(64).getString(0));
            assertThat(Errno.of(n).text()).isEqualTo(t.reinterpret(256).getString(0));
            compared++;
        }
        assertThat(compared).isEqualTo(Errno.known().size());
    }

    /**
     * {@code find} tells a missing link by the number ENODEV, so it works on any C library: the netlink library no
     * longer asks the C library for errno names at all, and a query in this process's own namespace (a read, which
     * needs no privilege) comes back empty.
     */
    @Test
    void findIsEmptyForAMissingLinkWithoutAskingTheCLibraryForNames() throws IOException {
        Path sources = Path.of("src/main/java/io/nslab/netlink");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String text = Files.readString(f);
                assertThat(text.contains("\"strerror")).as(f + " looks up an errno text in the C library").isFalse();
                assertThat(text.contains(".is(\"")).as(f + " compares an errno by name").isFalse();
            }
        }
        try (Netlink nl = Netlink.open()) {
            assertThat(nl.links().find("nslab-absent0")).isEmpty();
            assertThat(nl.links().find("lo")).isPresent();
        }
    }
}
