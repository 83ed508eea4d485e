package io.hybridpipe.embedded.x;

/** A filtered-stream rule as X stores it: its id, its rule text and its optional tag ({@code null} when none). */
public record StreamRule(String id, String value, String tag) {
}
