package io.nslab.deploy;

import io.nslab.ExitCode;

/** Why a plan is refused before anything is changed, and what kind of problem it is (bad input or environment). */
public record Refusal(ExitCode code, String text) {
}
