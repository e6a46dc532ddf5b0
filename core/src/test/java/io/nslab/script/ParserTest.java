package io.nslab.script;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParserTest {

    static String refusal(String source) {
        try {
            Parser.parse("t.sh", source);
        } catch (ScriptSyntaxException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + source);
    }

    @Test
    void refusesOutsideTheSubsetWithPositions() {
        assertThat(refusal("ip link | cat -A\n")).isEqualTo("t.sh:1:9: unsupported: '|' (pipelines)");
        assertThat(refusal("echo ok\nip r &\n")).isEqualTo("t.sh:2:6: unsupported: '&' (background jobs)");
        assertThat(refusal("x=$(ip r)\n")).isEqualTo("t.sh:1:3: unsupported: '$(' (command substitution and arithmetic)");
        assertThat(refusal("if true; then :; fi\n")).isEqualTo("t.sh:1:1: unsupported: 'if'");
        assertThat(refusal("  iptables -L\n")).startsWith("t.sh:1:3: unsupported command: 'iptables'");
        assertThat(refusal("ip route >> log\n")).startsWith("t.sh:1:10: unsupported: '>>'");
        assertThat(refusal("cat < /etc/hosts\n")).isEqualTo("t.sh:1:5: unsupported: '<' (input redirection)");
        assertThat(refusal("ip a > out.txt\n")).startsWith("t.sh:1:8: unsupported: '>' other than echo");
        assertThat(refusal("ping -c1 10.0.0.*\n")).isEqualTo("t.sh:1:17: unsupported: '*' (pathname expansion; quote it)");
        assertThat(refusal("echo 'open\n")).isEqualTo("t.sh:1:6: unterminated single quote");
        assertThat(refusal("for i in 1 2; do echo $i\n")).startsWith("t.sh:2:1: expected 'done'");
        assertThat(refusal("ip netns exec ns1 bash -c 'ip r'\n")).isEqualTo("t.sh:1:19: unsupported command in ip netns exec: 'bash'");
        assertThat(refusal("echo $1\n")).isEqualTo("t.sh:1:6: unsupported: special parameter '$1'");
    }

    @Test
    void parsesTheSubset() {
        Node.Seq s = Parser.parse("t.sh", "# comment\nset -e\nNS=a; ip netns add $NS && echo \"${NS} ok\" || echo no\n"
                + "for n in a b; do\n  ip -n $n link \\\n   set lo up\ndone\necho 1 > /proc/sys/net/ipv4/ip_forward\n");
        assertThat(s.items()).hasSize(5);
        assertThat(s.items().get(2)).isInstanceOf(Node.AndOr.class);
        Node.For f = (Node.For) s.items().get(3);
        assertThat(f.var()).isEqualTo("n");
        assertThat(f.pos().line()).isEqualTo(4);
        Node.Simple body = (Node.Simple) f.body().items().getFirst();
        assertThat(body.words()).hasSize(7);
        Node.Simple echo = (Node.Simple) s.items().get(4);
        assertThat(echo.redirect().flatMap(Node.Word::literal)).contains("/proc/sys/net/ipv4/ip_forward");
    }

    @Test
    void nothingRunsWhenALaterLineIsRefused() {
        ScriptWorld world = new ScriptWorld();
        StringBuilder out = new StringBuilder();
        assertThatThrownBy(() -> Interpreter.run(world, Output.merged(out), "t.sh", "ip netns add a\nip r | cat\n"))
                .isInstanceOf(ScriptSyntaxException.class);
        assertThat(world.listLines()).isEmpty();
    }
}
