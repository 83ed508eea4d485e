package io.hybridpipe.embedded.x;

/** Builds a post's text while counting code points, so entity offsets come out as X reports them. */
final class TextAssembler {

    private final StringBuilder text = new StringBuilder(256);
    private int codePoints;

    TextAssembler append(String part) {
        text.append(part);
        codePoints += part.codePointCount(0, part.length());
        return this;
    }

    int codePoints() {
        return codePoints;
    }

    boolean endsWithSpace() {
        return text.length() > 0 && text.charAt(text.length() - 1) == ' ';
    }

    TweetEntities.Mention mention(XUser user) {
        int start = codePoints;
        append("@").append(user.username());
        return new TweetEntities.Mention(start, codePoints, user);
    }

    TweetEntities.Hashtag hashtag(String tag) {
        int start = codePoints;
        append("#").append(tag);
        return new TweetEntities.Hashtag(start, codePoints, tag);
    }

    /** A t.co link standing for {@code expanded}, as X shortens every URL. */
    TweetEntities.Url url(String expanded) {
        int start = codePoints;
        String shortened = "https://t.co/" + Integer.toString(Math.abs(expanded.hashCode()), 36);
        append(shortened);
        String display = expanded.replaceFirst("^https?://", "");
        if (display.length() > 26) {
            display = display.substring(0, 25) + "…";
        }
        return new TweetEntities.Url(start, codePoints, shortened, expanded, display);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
