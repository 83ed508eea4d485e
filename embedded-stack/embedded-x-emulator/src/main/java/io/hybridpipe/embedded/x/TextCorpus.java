package io.hybridpipe.embedded.x;

import java.util.List;

/**
 * The vocabulary the generator draws posts from: words in several scripts (Latin, CJK, Arabic, Hebrew,
 * Persian, Devanagari), emoji (BMP symbols, astral code points that need surrogate pairs, skin-tone and ZWJ
 * sequences, flags), and names with combining marks.
 */
final class TextCorpus {

    /** A language: its X {@code lang} code, whether it is written right to left, and its words. */
    record Language(String code, boolean rightToLeft, List<String> words) {
    }

    static final List<Language> LANGUAGES = List.of(
            new Language("en", false, List.of("data", "stream", "pipeline", "kafka", "cluster", "morning", "coffee",
                    "great", "launch", "release", "weekend", "football", "match", "music", "concert", "rain",
                    "today", "tomorrow", "team", "build", "deploy", "cat", "dog", "grumpy", "happy", "news",
                    "breaking", "update", "city", "train")),
            new Language("es", false, List.of("hola", "datos", "fútbol", "mañana", "canción", "ciudad", "lluvia",
                    "equipo", "noticias", "gracias", "increíble", "fiesta", "café", "trabajo", "año")),
            new Language("fr", false, List.of("bonjour", "données", "été", "très", "façon", "garçon", "fête",
                    "musique", "demain", "équipe", "nouvelles", "café", "où", "ça")),
            new Language("de", false, List.of("straße", "größe", "übermorgen", "mädchen", "fußball", "daten",
                    "grüße", "schön", "zug", "nachrichten", "wetter", "kaffee")),
            new Language("pt", false, List.of("olá", "coração", "não", "ação", "amanhã", "notícias", "futebol",
                    "cidade", "obrigado", "saudade")),
            new Language("ja", false, List.of("東京", "データ", "ストリーム", "おはよう", "ありがとう", "今日", "明日",
                    "ニュース", "猫", "音楽", "𠮷野家", "電車")),
            new Language("ar", true, List.of("مرحبا", "بيانات", "شكرا", "اليوم", "غدا", "أخبار", "مدينة", "كرة",
                    "القدم", "قهوة", "موسيقى", "فريق")),
            new Language("he", true, List.of("שלום", "נתונים", "תודה", "היום", "מחר", "חדשות", "עיר", "כדורגל",
                    "קפה", "מוזיקה")),
            new Language("fa", true, List.of("سلام", "داده", "ممنون", "امروز", "فردا", "اخبار", "شهر", "فوتبال",
                    "قهوه", "موسیقی")),
            new Language("hi", false, List.of("नमस्ते", "डेटा", "धन्यवाद", "आज", "कल", "समाचार", "शहर", "क्रिकेट",
                    "संगीत", "चाय")));

    /** Emoji including astral code points (surrogate pairs), modifiers, ZWJ sequences and flags. */
    static final List<String> EMOJI = List.of("😀", "😂", "🚀", "🔥", "👍🏽", "❤️", "✨", "☕", "🎉", "👨‍👩‍👧‍👦",
            "🇯🇵", "🇫🇷", "🏳️‍🌈", "🧑🏿‍💻", "🐈", "⚽", "🤖", "𝐇𝐞𝐥𝐥𝐨");

    static final List<String> HASHTAGS = List.of("nifi", "kafka", "bigdata", "DataEngineering", "AI", "Spark",
            "東京", "مرحبا", "שלום", "café", "música", "WorldCup", "breaking", "rust", "java");

    static final List<String> FIRST_NAMES = List.of("Ana", "José", "Zoë", "Renée", "Søren", "Łukasz", "Mei",
            "さくら", "محمد", "נועה", "Priya", "Olu", "Björk", "Nguyễn", "Zo\u0065\u0301");

    static final List<String> LAST_NAMES = List.of("Smith", "García", "Müller", "Dubois", "Silva", "田中",
            "الفارسي", "כהן", "Sharma", "O'Brien", "Kowalski", "🚀 builder", "Åberg");

    static final List<String> LOCATIONS = List.of("Paris, France", "東京", "São Paulo", "القاهرة", "תל אביב",
            "Berlin", "Mumbai", "New York, NY", "Reykjavík", "Earth 🌍");

    static final List<String> SOURCES = List.of("Twitter Web App", "Twitter for iPhone", "Twitter for Android",
            "TweetDeck", "HybridPipe bot");

    private TextCorpus() {
    }
}
