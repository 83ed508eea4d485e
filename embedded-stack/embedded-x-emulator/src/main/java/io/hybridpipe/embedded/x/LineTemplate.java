package io.hybridpipe.embedded.x;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A rendered stream line with holes for the id and the creation time, so that posts stamped from the same pool
 * post are rendered by copying bytes. Holes are marked in the rendered text by {@link #ID} and {@link #TIME}.
 */
final class LineTemplate {

    /** Stands for the post id; U+E000 is a private-use character the generator never produces. */
    static final String ID = "\uE000I\uE000";
    static final String TIME = "\uE000T\uE000";
    private static final byte[] ID_MARK = ID.getBytes(StandardCharsets.UTF_8);
    private static final byte[] TIME_MARK = TIME.getBytes(StandardCharsets.UTF_8);
    private static final int TAIL = 3;

    private final byte[][] segments;
    private final boolean[] holeIsId;
    private final int fixedLength;

    private LineTemplate(byte[][] segments, boolean[] holeIsId) {
        this.segments = segments;
        this.holeIsId = holeIsId;
        int length = 0;
        for (byte[] segment : segments) {
            length += segment.length;
        }
        this.fixedLength = length;
    }

    /** Cuts a line rendered with markers (ending in {@code }\r\n}) into segments around its holes. */
    static LineTemplate of(byte[] rendered) {
        List<byte[]> segments = new ArrayList<>();
        List<Boolean> holes = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < rendered.length) {
            boolean id = startsWith(rendered, i, ID_MARK);
            if (id || startsWith(rendered, i, TIME_MARK)) {
                segments.add(java.util.Arrays.copyOfRange(rendered, start, i));
                holes.add(id);
                i += id ? ID_MARK.length : TIME_MARK.length;
                start = i;
            } else {
                i++;
            }
        }
        segments.add(java.util.Arrays.copyOfRange(rendered, start, rendered.length));
        boolean[] holeIsId = new boolean[holes.size()];
        for (int k = 0; k < holeIsId.length; k++) {
            holeIsId[k] = holes.get(k);
        }
        return new LineTemplate(segments.toArray(new byte[0][]), holeIsId);
    }

    /**
     * The line with the holes filled. With {@code matchingRules} (the JSON text
     * {@code ,"matching_rules":[...]}) it is inserted before the final closing brace.
     */
    byte[] fill(byte[] id, byte[] time, byte[] matchingRules) {
        int length = fixedLength + (matchingRules == null ? 0 : matchingRules.length);
        for (boolean isId : holeIsId) {
            length += isId ? id.length : time.length;
        }
        byte[] line = new byte[length];
        int at = 0;
        int last = segments.length - 1;
        for (int k = 0; k < last; k++) {
            System.arraycopy(segments[k], 0, line, at, segments[k].length);
            at += segments[k].length;
            byte[] value = holeIsId[k] ? id : time;
            System.arraycopy(value, 0, line, at, value.length);
            at += value.length;
        }
        byte[] end = segments[last];
        if (matchingRules == null) {
            System.arraycopy(end, 0, line, at, end.length);
        } else {
            System.arraycopy(end, 0, line, at, end.length - TAIL);
            at += end.length - TAIL;
            System.arraycopy(matchingRules, 0, line, at, matchingRules.length);
            at += matchingRules.length;
            System.arraycopy(end, end.length - TAIL, line, at, TAIL);
        }
        return line;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
