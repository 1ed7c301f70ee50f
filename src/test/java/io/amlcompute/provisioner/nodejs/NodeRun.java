package io.amlcompute.provisioner.nodejs;

/** What a Node.js process left behind: exit code ({@code -1} when it was killed at its timeout) and output. */
public record NodeRun(int exitCode, boolean timedOut, String stdout, String stderr) {

    /** For failure messages: everything a person needs to see why a script failed. */
    public String describe() {
        return "exit " + exitCode + (timedOut ? " (killed at its timeout)" : "") + "\n--- stdout\n" + stdout
                + "\n--- stderr\n" + tail(stderr, 6000);
    }

    private static String tail(String text, int max) {
        return text.length() <= max ? text : "…" + text.substring(text.length() - max);
    }
}
