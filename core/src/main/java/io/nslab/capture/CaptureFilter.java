package io.nslab.capture;

import io.nslab.netlink.PacketSocket.Instruction;

import java.util.List;
import java.util.Locale;

/**
 * The capture filters {@code nslab capture --filter} offers, each the classic BPF program that {@code tcpdump -dd}
 * compiles for the same expression on Ethernet (the tests compare them instruction by instruction), attached to the
 * socket with SO_ATTACH_FILTER so the kernel drops what is not wanted before it is copied. As in tcpdump, icmp is
 * IPv4's only, while tcp and udp match IPv6 too (directly after the header or after a fragment header).
 */
public enum CaptureFilter {
    ICMP(List.of(
            Bpf.ldh(12), Bpf.jeq(0x0800, 0, 3),
            Bpf.ldb(23), Bpf.jeq(1, 0, 1),
            Bpf.ACCEPT, Bpf.DROP)),
    TCP(Bpf.transport(6)),
    UDP(Bpf.transport(17)),
    ARP(List.of(
            Bpf.ldh(12), Bpf.jeq(0x0806, 0, 1),
            Bpf.ACCEPT, Bpf.DROP));

    /** What the filter returns for a frame it keeps: its length to keep, tcpdump's default snap length (262144). */
    public static final int SNAPLEN = 262144;

    private final List<Instruction> program;

    CaptureFilter(List<Instruction> program) {
        this.program = program;
    }

    public List<Instruction> program() {
        return program;
    }

    /** The expression as tcpdump writes it. */
    public String expression() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The filter named {@code word} (icmp, tcp, udp, arp, any case). */
    public static CaptureFilter of(String word) {
        for (CaptureFilter f : values()) {
            if (f.expression().equalsIgnoreCase(word)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown capture filter \"" + word + "\"; one of icmp, tcp, udp, arp");
    }

    /** The programs' instructions, apart so that the constants above can use them. */
    private static final class Bpf {
        private Bpf() {
        }

        // BPF_LD|BPF_H|BPF_ABS, BPF_LD|BPF_B|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, BPF_RET|BPF_K (linux/filter.h)
        static final int LDH_ABS = 0x28;
        static final int LDB_ABS = 0x30;
        static final int JEQ_K = 0x15;
        static final int RET_K = 0x06;
        static final Instruction ACCEPT = new Instruction(RET_K, 0, 0, 262144);
        static final Instruction DROP = new Instruction(RET_K, 0, 0, 0);

        static Instruction ldh(int offset) {
            return new Instruction(LDH_ABS, 0, 0, offset);
        }

        static Instruction ldb(int offset) {
            return new Instruction(LDB_ABS, 0, 0, offset);
        }

        static Instruction jeq(int k, int jt, int jf) {
            return new Instruction(JEQ_K, jt, jf, k);
        }

        /**
         * IPv4 with this protocol byte (offset 23), or IPv6 whose next header (offset 20) is it, or is a fragment header
         * (44) followed by it (offset 54). Jumps count instructions skipped; 10 is accept, 11 drop.
         */
        static List<Instruction> transport(int protocol) {
            return List.of(
                    ldh(12),                    // 0: ethertype
                    jeq(0x0800, 0, 2),          // 1: IPv4? else 4
                    ldb(23),                    // 2: IPv4 protocol
                    jeq(protocol, 6, 7),        // 3: accept : drop
                    jeq(0x86dd, 0, 6),          // 4: IPv6? else drop
                    ldb(20),                    // 5: next header
                    jeq(protocol, 3, 0),        // 6: accept, else 7
                    jeq(44, 0, 3),              // 7: fragment header? else drop
                    ldb(54),                    // 8: its next header
                    jeq(protocol, 0, 1),        // 9: accept : drop
                    ACCEPT,                     // 10
                    DROP);                      // 11
        }
    }
}
