package io.hybridpipe.local.observe;

import java.util.List;

/**
 * Exactly-once check of one stage by distinct tweet id against what the emulator sent.
 *
 * @param expected           distinct ids emitted
 * @param records            records or rows in the stage, repeats included
 * @param distinct           distinct ids in the stage
 * @param duplicates         ids present more than once
 * @param missing            emitted ids absent from the stage
 * @param unexpected         ids in the stage that were never emitted
 * @param error              why the stage could not be read at verification time, else null (then it fails)
 */
public record StageVerification(Stage stage, long expected, long records, long distinct,
                                long duplicates, long missing, long unexpected,
                                List<String> duplicateExamples, List<String> missingExamples,
                                List<String> unexpectedExamples, String error) {

    public StageVerification {
        duplicateExamples = List.copyOf(duplicateExamples);
        missingExamples = List.copyOf(missingExamples);
        unexpectedExamples = List.copyOf(unexpectedExamples);
    }

    public boolean passed() {
        return error == null && duplicates == 0 && missing == 0 && unexpected == 0;
    }
}
