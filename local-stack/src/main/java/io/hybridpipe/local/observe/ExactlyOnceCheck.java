package io.hybridpipe.local.observe;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Compares one stage's ids with the emitted ids: each emitted id exactly once, each allowed id at most once, nothing
 * else.
 */
final class ExactlyOnceCheck {

    private ExactlyOnceCheck() {
    }

    /** @param allowed ids the stage may hold, once, but need not (possibly sent) */
    static StageVerification verify(Stage stage, Set<String> expected, Set<String> allowed, IdCounts contents,
                                    int examples) {
        List<String> duplicateExamples = new ArrayList<>();
        List<String> unexpectedExamples = new ArrayList<>();
        long[] duplicatesAndUnexpected = new long[2];
        contents.forEach((id, copies) -> {
            if (copies > 1) {
                duplicatesAndUnexpected[0]++;
                keep(duplicateExamples, id + " x" + copies, examples);
            }
            if (!expected.contains(id) && !allowed.contains(id)) {
                duplicatesAndUnexpected[1]++;
                keep(unexpectedExamples, id, examples);
            }
        });
        List<String> missingExamples = new ArrayList<>();
        long missing = 0;
        for (String id : expected) {
            if (contents.count(id) == 0) {
                missing++;
                keep(missingExamples, id, examples);
            }
        }
        return new StageVerification(stage, expected.size(), contents.total(), contents.distinct(),
                duplicatesAndUnexpected[0], missing, duplicatesAndUnexpected[1],
                sorted(duplicateExamples), sorted(missingExamples), sorted(unexpectedExamples), null);
    }

    /** The verdict for a stage that could not be read. */
    static StageVerification unreadable(Stage stage, long expected, String error) {
        return new StageVerification(stage, expected, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), error);
    }

    private static void keep(List<String> examples, String id, int max) {
        if (examples.size() < max) {
            examples.add(id);
        }
    }

    private static List<String> sorted(Collection<String> ids) {
        return ids.stream().sorted().toList();
    }
}
