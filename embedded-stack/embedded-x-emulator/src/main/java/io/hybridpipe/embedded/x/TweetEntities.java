package io.hybridpipe.embedded.x;

/**
 * The entities X v2 reports for a post. {@code start} and {@code end} count Unicode code points of the text
 * (end exclusive), so an emoji outside the BMP counts as one even though Java stores it as two chars.
 */
final class TweetEntities {

    private TweetEntities() {
    }

    record Hashtag(int start, int end, String tag) {
    }

    record Mention(int start, int end, XUser user) {
    }

    record Url(int start, int end, String url, String expandedUrl, String displayUrl) {
    }

    record PublicMetrics(int retweetCount, int replyCount, int likeCount, int quoteCount, int bookmarkCount,
                         int impressionCount) {
    }
}
