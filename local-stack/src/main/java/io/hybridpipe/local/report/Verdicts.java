package io.hybridpipe.local.report;

import io.hybridpipe.local.observe.StageVerification;

/** PASS or FAIL, the word every view of the verification uses. */
final class Verdicts {

    private Verdicts() {
    }

    static String of(StageVerification v) {
        return v.passed() ? "PASS" : "FAIL";
    }
}
