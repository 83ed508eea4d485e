package io.hybridpipe.core.stream;

/**
 * The fields of one X error object, in whichever of the documented shapes it came:
 * problem details ({@code title}, {@code detail}, {@code type}, {@code disconnect_type}, {@code connection_issue})
 * or the older {@code {"code":88,"message":"Rate limit exceeded"}}.
 */
final class ErrorFields {
    String title;
    String detail;
    String problemType;
    String disconnectType;
    String connectionIssue;
    String code;
    String message;

    boolean looksLikeError() {
        return title != null || connectionIssue != null || disconnectType != null || code != null
                || (problemType != null && problemType.contains("/problems/"));
    }

    /** Most specific name first; see {@link StreamError#type()}. */
    String type() {
        if (connectionIssue != null) {
            return connectionIssue;
        }
        if (title != null) {
            return title;
        }
        if (problemType != null) {
            int slash = problemType.lastIndexOf('/');
            String last = problemType.substring(slash + 1);
            if (!last.isEmpty()) {
                return last;
            }
        }
        if (disconnectType != null) {
            return disconnectType;
        }
        if (code != null) {
            return "code-" + code;
        }
        return "unknown-error";
    }

    String displayTitle() {
        return title != null ? title : message;
    }

    /** True when X says it is closing (or refusing) the stream, so the client must reconnect. */
    boolean announcesDisconnect() {
        return disconnectType != null
                || connectionIssue != null
                || "operational-disconnect".equals(title)
                || "ConnectionException".equals(title)
                || (problemType != null && (problemType.endsWith("/operational-disconnect")
                        || problemType.endsWith("/streaming-connection")));
    }
}
