package portal.searchengine;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.classic.ClassicFilter;
import org.apache.lucene.analysis.classic.ClassicTokenizer;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.SimpleAnalyzer;
import org.apache.lucene.analysis.core.StopAnalyzer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.tr.ApostropheFilter;
import org.elasticsearch.common.regex.Regex;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.AbstractTokenizerFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.Reader;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import static org.elasticsearch.plugins.AnalysisPlugin.requiresAnalysisSettings;

/**
 * Stand-in for Elasticsearch's {@code analysis-common} module, whose 8.x jar is not published on Maven
 * Central. Registers, under the same names and with the same main parameters, the analysis components
 * the portal (and Wagtail's Elasticsearch backend) use, built from Lucene's lucene-analysis-common:
 * <ul>
 * <li>token filters: cjk_width, cjk_bigram, asciifolding, ngram, edge_ngram, uppercase, trim, reverse,
 * length, truncate, decimal_digit, classic, apostrophe, porter_stem, kstem
 * (lowercase, stop and shingle are built into the server)</li>
 * <li>tokenizers: ngram, edge_ngram, keyword, whitespace, letter, classic, uax_url_email, pattern
 * (standard is built in)</li>
 * <li>char filters: html_strip, mapping, pattern_replace</li>
 * <li>analyzers: whitespace, simple, stop, cjk (standard and keyword are built in)</li>
 * </ul>
 * Anything else from analysis-common (synonyms, word_delimiter, stemmer, language analyzers, ...) is
 * absent: using it fails index creation with "Unknown filter type", it does not silently degrade.
 */
public class CommonAnalysisLitePlugin extends Plugin implements AnalysisPlugin {

    // ---------------------------------------------------------------- token filters

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> filters = new TreeMap<>();
        filters.put("cjk_width", normalizingFilter(s -> CJKWidthFilter::new));
        filters.put("cjk_bigram", filter(s -> {
            int flags = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
            for (String script : s.getAsList("ignored_scripts")) {
                switch (script.toLowerCase(Locale.ROOT)) {
                    case "han" -> flags &= ~CJKBigramFilter.HAN;
                    case "hiragana" -> flags &= ~CJKBigramFilter.HIRAGANA;
                    case "katakana" -> flags &= ~CJKBigramFilter.KATAKANA;
                    case "hangul" -> flags &= ~CJKBigramFilter.HANGUL;
                    default -> throw new IllegalArgumentException("cjk_bigram: unknown script [" + script + "]");
                }
            }
            final int f = flags;
            final boolean outputUnigrams = s.getAsBoolean("output_unigrams", false);
            return ts -> new CJKBigramFilter(ts, f, outputUnigrams);
        }));
        filters.put("asciifolding", normalizingFilter(s -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return ts -> new ASCIIFoldingFilter(ts, preserve);
        }));
        filters.put("uppercase", normalizingFilter(s -> UpperCaseFilter::new));
        filters.put("trim", normalizingFilter(s -> TrimFilter::new));
        filters.put("decimal_digit", normalizingFilter(s -> DecimalDigitFilter::new));
        filters.put("reverse", filter(s -> ReverseStringFilter::new));
        filters.put("classic", filter(s -> ClassicFilter::new));
        filters.put("apostrophe", filter(s -> ApostropheFilter::new));
        filters.put("porter_stem", filter(s -> PorterStemFilter::new));
        filters.put("kstem", filter(s -> KStemFilter::new));
        filters.put("length", filter(s -> {
            int min = s.getAsInt("min", 0);
            int max = s.getAsInt("max", Integer.MAX_VALUE);
            return ts -> new LengthFilter(ts, min, max);
        }));
        filters.put("truncate", filter(s -> {
            int length = s.getAsInt("length", 10);
            if (length <= 0) {
                throw new IllegalArgumentException("length parameter must be provided");
            }
            return ts -> new TruncateTokenFilter(ts, length);
        }));
        filters.put("ngram", (indexSettings, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            checkNgramDiff(indexSettings, min, max, "ngram");
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return new SimpleTokenFilter(name, s, ts -> new NGramTokenFilter(ts, min, max, preserve));
        });
        filters.put("edge_ngram", filter(s -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            boolean back = "back".equalsIgnoreCase(s.get("side", "front"));
            if (back) {
                return ts -> new ReverseStringFilter(new EdgeNGramTokenFilter(new ReverseStringFilter(ts), min, max, preserve));
            }
            return ts -> new EdgeNGramTokenFilter(ts, min, max, preserve);
        }));
        return filters;
    }

    private static void checkNgramDiff(IndexSettings indexSettings, int min, int max, String what) {
        int maxAllowed = indexSettings.getMaxNgramDiff();
        if (max - min > maxAllowed) {
            throw new IllegalArgumentException(
                "The difference between max_gram and min_gram in "
                    + what
                    + " must be less than or equal to: ["
                    + maxAllowed
                    + "] but was ["
                    + (max - min)
                    + "]. This limit can be set by changing the ["
                    + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey()
                    + "] index level setting."
            );
        }
    }

    private static AnalysisProvider<TokenFilterFactory> filter(Function<Settings, UnaryOperator<TokenStream>> builder) {
        return (indexSettings, env, name, settings) -> new SimpleTokenFilter(name, settings, builder.apply(settings));
    }

    private static AnalysisProvider<TokenFilterFactory> normalizingFilter(Function<Settings, UnaryOperator<TokenStream>> builder) {
        return (indexSettings, env, name, settings) -> new SimpleNormalizingTokenFilter(name, settings, builder.apply(settings));
    }

    static class SimpleTokenFilter extends AbstractTokenFilterFactory {
        private final UnaryOperator<TokenStream> op;

        SimpleTokenFilter(String name, Settings settings, UnaryOperator<TokenStream> op) {
            super(name, settings);
            this.op = op;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return op.apply(tokenStream);
        }
    }

    static class SimpleNormalizingTokenFilter extends SimpleTokenFilter implements NormalizingTokenFilterFactory {
        SimpleNormalizingTokenFilter(String name, Settings settings, UnaryOperator<TokenStream> op) {
            super(name, settings, op);
        }
    }

    // ---------------------------------------------------------------- tokenizers

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> tokenizers = new TreeMap<>();
        tokenizers.put("ngram", (indexSettings, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            checkNgramDiff(indexSettings, min, max, "ngram tokenizer");
            IntPredicate tokenChars = tokenChars(s);
            return tokenizer(indexSettings, s, name, () -> tokenChars == null ? new NGramTokenizer(min, max) : new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int chr) {
                    return tokenChars.test(chr);
                }
            });
        });
        tokenizers.put("edge_ngram", (indexSettings, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1);
            int max = s.getAsInt("max_gram", 2);
            IntPredicate tokenChars = tokenChars(s);
            return tokenizer(
                indexSettings,
                s,
                name,
                () -> tokenChars == null ? new EdgeNGramTokenizer(min, max) : new EdgeNGramTokenizer(min, max) {
                    @Override
                    protected boolean isTokenChar(int chr) {
                        return tokenChars.test(chr);
                    }
                }
            );
        });
        tokenizers.put("keyword", (indexSettings, env, name, s) -> {
            int bufferSize = s.getAsInt("buffer_size", 256);
            return tokenizer(indexSettings, s, name, () -> new KeywordTokenizer(bufferSize));
        });
        tokenizers.put("whitespace", (indexSettings, env, name, s) -> {
            int maxLen = s.getAsInt("max_token_length", 255);
            return tokenizer(indexSettings, s, name, () -> new WhitespaceTokenizer(Tokenizer.DEFAULT_TOKEN_ATTRIBUTE_FACTORY, maxLen));
        });
        tokenizers.put("letter", (indexSettings, env, name, s) -> tokenizer(indexSettings, s, name, LetterTokenizer::new));
        tokenizers.put("classic", (indexSettings, env, name, s) -> {
            int maxLen = s.getAsInt("max_token_length", 255);
            return tokenizer(indexSettings, s, name, () -> {
                ClassicTokenizer t = new ClassicTokenizer();
                t.setMaxTokenLength(maxLen);
                return t;
            });
        });
        tokenizers.put("uax_url_email", (indexSettings, env, name, s) -> {
            int maxLen = s.getAsInt("max_token_length", 255);
            return tokenizer(indexSettings, s, name, () -> {
                UAX29URLEmailTokenizer t = new UAX29URLEmailTokenizer();
                t.setMaxTokenLength(maxLen);
                return t;
            });
        });
        tokenizers.put("pattern", (indexSettings, env, name, s) -> {
            Pattern pattern = Regex.compile(s.get("pattern", "\\W+"), s.get("flags"));
            int group = s.getAsInt("group", -1);
            return tokenizer(indexSettings, s, name, () -> new PatternTokenizer(pattern, group));
        });
        return tokenizers;
    }

    private static TokenizerFactory tokenizer(IndexSettings indexSettings, Settings settings, String name, Supplier<Tokenizer> supplier) {
        return new AbstractTokenizerFactory(indexSettings, settings, name) {
            @Override
            public Tokenizer create() {
                return supplier.get();
            }
        };
    }

    /** token_chars / custom_token_chars of the ngram tokenizers; null means "every character". */
    private static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate result = c -> false;
        for (String cls : classes) {
            IntPredicate p = switch (cls.toLowerCase(Locale.ROOT)) {
                case "letter" -> Character::isLetter;
                case "digit" -> Character::isDigit;
                case "whitespace" -> Character::isWhitespace;
                case "punctuation" -> c -> switch (Character.getType(c)) {
                    case Character.START_PUNCTUATION, Character.END_PUNCTUATION, Character.OTHER_PUNCTUATION,
                        Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION,
                        Character.FINAL_QUOTE_PUNCTUATION -> true;
                    default -> false;
                };
                case "symbol" -> c -> switch (Character.getType(c)) {
                    case Character.CURRENCY_SYMBOL, Character.MATH_SYMBOL, Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
                    default -> false;
                };
                case "custom" -> {
                    Set<Integer> custom = new HashSet<>();
                    s.get("custom_token_chars", "").codePoints().forEach(custom::add);
                    yield custom::contains;
                }
                default -> throw new IllegalArgumentException("Unknown token type: '" + cls + "'");
            };
            result = result.or(p);
        }
        return result;
    }

    // ---------------------------------------------------------------- char filters

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> charFilters = new TreeMap<>();
        charFilters.put("html_strip", (indexSettings, env, name, s) -> {
            Set<String> escaped = new HashSet<>(s.getAsList("escaped_tags"));
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return new HTMLStripCharFilter(reader, escaped);
                }
            };
        });
        charFilters.put("mapping", requiresAnalysisSettings((indexSettings, env, name, s) -> {
            List<String> rules = s.getAsList("mappings");
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("mapping requires [mappings] to be configured");
            }
            NormalizeCharMap.Builder builder = new NormalizeCharMap.Builder();
            for (String rule : rules) {
                int arrow = rule.indexOf("=>");
                if (arrow < 0) {
                    throw new IllegalArgumentException("Invalid mapping rule : [" + rule + "]");
                }
                String from = unescape(rule.substring(0, arrow).trim());
                String to = unescape(rule.substring(arrow + 2).trim());
                if (from.isEmpty()) {
                    throw new IllegalArgumentException("Invalid mapping rule : [" + rule + "]");
                }
                builder.add(from, to);
            }
            NormalizeCharMap map = builder.build();
            return new NormalizingCharFilter(name, reader -> new MappingCharFilter(map, reader));
        }));
        charFilters.put("pattern_replace", requiresAnalysisSettings((indexSettings, env, name, s) -> {
            String patternString = s.get("pattern");
            if (patternString == null) {
                throw new IllegalArgumentException("pattern is missing for [" + name + "] char filter of type 'pattern_replace'");
            }
            Pattern pattern = Regex.compile(patternString, s.get("flags"));
            String replacement = s.get("replacement", "");
            return new NormalizingCharFilter(name, reader -> new PatternReplaceCharFilter(pattern, replacement, reader));
        }));
        return charFilters;
    }

    static class NormalizingCharFilter extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
        private final UnaryOperator<Reader> op;

        NormalizingCharFilter(String name, UnaryOperator<Reader> op) {
            super(name);
            this.op = op;
        }

        @Override
        public Reader create(Reader reader) {
            return op.apply(reader);
        }
    }

    /** The escapes the mapping char filter understands: \\ \n \t \r \b \f \\uXXXX. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 >= s.length()) {
                        throw new IllegalArgumentException("Invalid escaped char in [" + s + "]");
                    }
                    out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(n);
            }
        }
        return out.toString();
    }

    // ---------------------------------------------------------------- analyzers

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new TreeMap<>();
        analyzers.put("whitespace", (indexSettings, env, name, s) -> analyzer(name, s, WhitespaceAnalyzer::new));
        analyzers.put("simple", (indexSettings, env, name, s) -> analyzer(name, s, SimpleAnalyzer::new));
        analyzers.put("stop", (indexSettings, env, name, s) -> {
            CharArraySet stopwords = Analysis.parseStopWords(env, s, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
            return analyzer(name, s, () -> new StopAnalyzer(stopwords));
        });
        analyzers.put("cjk", (indexSettings, env, name, s) -> {
            CharArraySet stopwords = Analysis.parseStopWords(env, s, CJKAnalyzer.getDefaultStopSet());
            return analyzer(name, s, () -> new CJKAnalyzer(stopwords));
        });
        return analyzers;
    }

    private static AnalyzerProvider<Analyzer> analyzer(String name, Settings settings, Supplier<Analyzer> supplier) {
        Analyzer analyzer = supplier.get();
        return new AbstractIndexAnalyzerProvider<>(name, settings) {
            @Override
            public Analyzer get() {
                return analyzer;
            }
        };
    }
}
