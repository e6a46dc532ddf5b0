package io.nslab.api;

import java.nio.file.Path;

/** A JVM that builds a lab, starts a process in it, says so, and waits to be killed: ReaperTest's victim. */
public final class ReaperTrialMain {
    private ReaperTrialMain() {
    }

    public static void main(String[] args) throws Exception {
        RunningLab lab = Labs.options().netnsDir(Path.of(args[0])).stateDir(Path.of(args[1])).up(LabsSimTest.pair());
        Process sleeper = lab.node("ns1").start("sleep", "300");
        System.out.println("up " + lab.name() + " " + sleeper.pid() + " " + Reaper.process().orElseThrow().pid());
        System.out.flush();
        Thread.sleep(300_000);
    }
}
