package io.hybridpipe.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The version comment for a pushed file: the last git commit that touched it. */
final class GitCommitComment {
    private GitCommitComment() {
    }

    static String forFile(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Path directory = absolute.getParent();
        String name = absolute.getFileName().toString();
        String last = git(directory, "log", "-1", "--format=%h %s", "--", name);
        if (last.isEmpty()) {
            throw new IOException(file + " has no git commit yet: commit it first, or give the version comment with --comment");
        }
        String dirty = git(directory, "status", "--porcelain", "--", name);
        return "git " + last + (dirty.isEmpty() ? "" : " (plus uncommitted changes)");
    }

    private static String git(Path directory, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("git did not answer within 30 s in " + directory);
            }
            if (process.exitValue() != 0) {
                throw new IOException("cannot take the version comment from git in " + directory + " (" + output
                        + "); give it with --comment");
            }
            return output;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking git for the version comment", e);
        }
    }
}
