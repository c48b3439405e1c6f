package portal.searchengine;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ja.JapaneseAnalyzer;
import org.apache.lucene.analysis.ja.JapaneseBaseFormFilter;
import org.apache.lucene.analysis.ja.JapaneseIterationMarkCharFilter;
import org.apache.lucene.analysis.ja.JapaneseKatakanaStemFilter;
import org.apache.lucene.analysis.ja.JapaneseNumberFilter;
import org.apache.lucene.analysis.ja.JapanesePartOfSpeechStopFilter;
import org.apache.lucene.analysis.ja.JapaneseReadingFormFilter;
import org.apache.lucene.analysis.ja.JapaneseTokenizer;
import org.apache.lucene.analysis.ja.dict.UserDictionary;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Stand-in for the {@code analysis-kuromoji} plugin (not on Maven Central for 8.x), built on Lucene's
 * lucene-analysis-kuromoji with the plugin's component names and main parameters:
 * tokenizer kuromoji_tokenizer (mode, discard_punctuation, discard_compound_token, user_dictionary,
 * user_dictionary_rules, nbest_cost), analyzer kuromoji, token filters kuromoji_baseform,
 * kuromoji_part_of_speech (stoptags), kuromoji_readingform (use_romaji), kuromoji_stemmer
 * (minimum_length), ja_stop (stopwords, default _japanese_), kuromoji_number, and char filter
 * kuromoji_iteration_mark (normalize_kanji, normalize_kana).
 * Loaded only when the launcher runs with ES_KUROMOJI=1.
 */
public class KuromojiLitePlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        return Map.of("kuromoji_tokenizer", (indexSettings, env, name, s) -> {
            UserDictionary userDictionary = userDictionary(env, s);
            JapaneseTokenizer.Mode mode = mode(s);
            boolean discardPunctuation = s.getAsBoolean("discard_punctuation", true);
            boolean discardCompoundToken = s.getAsBoolean("discard_compound_token", false);
            String nbestExamples = s.get("nbest_examples");
            int nbestCost = s.getAsInt("nbest_cost", -1);
            return new AbstractTokenizerFactory(indexSettings, s, name) {
                @Override
                public Tokenizer create() {
                    JapaneseTokenizer t = new JapaneseTokenizer(userDictionary, discardPunctuation, discardCompoundToken, mode);
                    int cost = nbestCost;
                    if (nbestExamples != null) {
                        cost = Math.max(cost, t.calcNBestCost(nbestExamples));
                    }
                    if (cost > 0) {
                        t.setNBestCost(cost);
                    }
                    return t;
                }
            };
        });
    }

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("kuromoji_baseform", (is, env, name, s) -> filter(name, s, JapaneseBaseFormFilter::new));
        filters.put("kuromoji_part_of_speech", (is, env, name, s) -> {
            List<String> tags = Analysis.getWordList(env, s, "stoptags");
            Set<String> stopTags = tags == null || tags.isEmpty() ? JapaneseAnalyzer.getDefaultStopTags() : new HashSet<>(tags);
            return filter(name, s, ts -> new JapanesePartOfSpeechStopFilter(ts, stopTags));
        });
        filters.put("kuromoji_readingform", (is, env, name, s) -> {
            boolean romaji = s.getAsBoolean("use_romaji", false);
            return filter(name, s, ts -> new JapaneseReadingFormFilter(ts, romaji));
        });
        filters.put("kuromoji_stemmer", (is, env, name, s) -> {
            int min = s.getAsInt("minimum_length", 4);
            return filter(name, s, ts -> new JapaneseKatakanaStemFilter(ts, min));
        });
        filters.put("ja_stop", (is, env, name, s) -> {
            CharArraySet stopwords = japaneseStopwords(env, s);
            return filter(name, s, ts -> new StopFilter(ts, stopwords));
        });
        filters.put("kuromoji_number", (is, env, name, s) -> filter(name, s, JapaneseNumberFilter::new));
        return filters;
    }

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        return Map.of("kuromoji_iteration_mark", (is, env, name, s) -> {
            boolean kanji = s.getAsBoolean("normalize_kanji", true);
            boolean kana = s.getAsBoolean("normalize_kana", true);
            return new IterationMarkCharFilter(name, kanji, kana);
        });
    }

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        return Map.of("kuromoji", (is, env, name, s) -> {
            UserDictionary userDictionary = userDictionary(env, s);
            JapaneseTokenizer.Mode mode = mode(s);
            CharArraySet stopwords = japaneseStopwords(env, s);
            Analyzer analyzer = new JapaneseAnalyzer(userDictionary, mode, stopwords, JapaneseAnalyzer.getDefaultStopTags());
            return new AbstractIndexAnalyzerProvider<Analyzer>(name, s) {
                @Override
                public Analyzer get() {
                    return analyzer;
                }
            };
        });
    }

    static class IterationMarkCharFilter extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
        private final boolean kanji;
        private final boolean kana;

        IterationMarkCharFilter(String name, boolean kanji, boolean kana) {
            super(name);
            this.kanji = kanji;
            this.kana = kana;
        }

        @Override
        public Reader create(Reader reader) {
            return new JapaneseIterationMarkCharFilter(reader, kanji, kana);
        }
    }

    private static TokenFilterFactory filter(String name, Settings settings, UnaryOperator<TokenStream> op) {
        return new AbstractTokenFilterFactory(name, settings) {
            @Override
            public TokenStream create(TokenStream tokenStream) {
                return op.apply(tokenStream);
            }
        };
    }

    private static JapaneseTokenizer.Mode mode(Settings s) {
        String mode = s.get("mode", JapaneseTokenizer.DEFAULT_MODE.toString()).toUpperCase(Locale.ROOT);
        return JapaneseTokenizer.Mode.valueOf(mode);
    }

    private static CharArraySet japaneseStopwords(Environment env, Settings s) {
        List<String> words = s.getAsList("stopwords");
        if (words.size() == 1 && "_japanese_".equals(words.get(0))) {
            return JapaneseAnalyzer.getDefaultStopSet();
        }
        return Analysis.parseStopWords(env, s, JapaneseAnalyzer.getDefaultStopSet());
    }

    /** user_dictionary (a file under the config directory) or user_dictionary_rules (inline CSV lines). */
    private static UserDictionary userDictionary(Environment env, Settings s) throws IOException {
        if (s.get("user_dictionary") != null && s.get("user_dictionary_rules") != null) {
            throw new IllegalArgumentException("It is not allowed to use [user_dictionary] in conjunction with [user_dictionary_rules]");
        }
        List<String> rules = Analysis.getWordList(env, s, "user_dictionary", "user_dictionary_rules", true, true);
        if (rules == null || rules.isEmpty()) {
            return null;
        }
        return UserDictionary.open(new StringReader(String.join("\n", rules)));
    }
}
