package io.hybridpipe.nifi.twitter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StreamRulesTest {

    @Test
    void theFirstColonSeparatesTagFromValueAndCommentsAndBlankLinesAreIgnored() {
        assertThat(StreamRules.parse("# comment\n\n nifi : (apache nifi OR #nifi) lang:en \r\nurls: url:\"https://x.com\"\n"))
                .containsExactly(new StreamRule("nifi", "(apache nifi OR #nifi) lang:en"),
                        new StreamRule("urls", "url:\"https://x.com\""));
        assertThat(StreamRules.parse(null)).isEmpty();
    }

    @Test
    void invalidLinesAreNamedWithWhatToWrite() {
        assertThatThrownBy(() -> StreamRules.parse("ok: cat\njust a value"))
                .hasMessageContaining("line 2 'just a value'").hasMessageContaining("'tag: value'");
        assertThatThrownBy(() -> StreamRules.parse(": cat")).hasMessageContaining("line 1").hasMessageContaining("tag before ':' is empty");
        assertThatThrownBy(() -> StreamRules.parse("cats:   ")).hasMessageContaining("rule value after ':' is empty");
        assertThatThrownBy(() -> StreamRules.parse("a: cat\nb: cat")).hasMessageContaining("line 2").hasMessageContaining("same rule value");
    }
}
