package devnode;

import com.ibm.icu.text.FilteredNormalizer2;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.Transliterator;
import com.ibm.icu.text.UnicodeSet;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import java.util.Arrays;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.bn.BengaliAnalyzer;
import org.apache.lucene.analysis.charfilter.HTMLStripCharFilter;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.core.KeywordTokenizer;
import org.apache.lucene.analysis.core.LetterTokenizer;
import org.apache.lucene.analysis.core.UpperCaseFilter;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.email.UAX29URLEmailTokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.hi.HindiAnalyzer;
import org.apache.lucene.analysis.icu.ICUFoldingFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2CharFilter;
import org.apache.lucene.analysis.icu.ICUNormalizer2Filter;
import org.apache.lucene.analysis.icu.ICUTransformFilter;
import org.apache.lucene.analysis.icu.segmentation.DefaultICUTokenizerConfig;
import org.apache.lucene.analysis.icu.segmentation.ICUTokenizer;
import org.apache.lucene.analysis.id.IndonesianAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.TrimFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenizer;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenizer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pattern.PatternCaptureGroupTokenFilter;
import org.apache.lucene.analysis.pattern.PatternTokenizer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.reverse.ReverseStringFilter;
import org.apache.lucene.analysis.ru.RussianAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.th.ThaiAnalyzer;
import org.apache.lucene.analysis.th.ThaiTokenizer;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.IndexService.IndexCreationContext;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.analysis.AbstractCharFilterFactory;
import org.elasticsearch.index.analysis.AbstractIndexAnalyzerProvider;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.Analysis;
import org.elasticsearch.index.analysis.AnalyzerProvider;
import org.elasticsearch.index.analysis.CharFilterFactory;
import org.elasticsearch.index.analysis.CustomAnalyzer;
import org.elasticsearch.index.analysis.NormalizingCharFilterFactory;
import org.elasticsearch.index.analysis.NormalizingTokenFilterFactory;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.index.analysis.PreConfiguredCharFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.PreConfiguredTokenizer;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.index.analysis.TokenizerFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.text.ParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Stand-in for the {@code analysis-common} module and the {@code analysis-icu} plugin of the official distribution.
 *
 * <p>Elastic does not publish those two to Maven Central (only the server, transport-netty4 and the test framework
 * are), so this plugin registers, under the same names and with the same main parameters, the analysis components
 * this project uses, built from the very Lucene classes ES itself wraps ({@code lucene-analysis-common} and
 * {@code lucene-analysis-icu}, both on Maven Central). It is a subset: synonyms only inline (Solr format), no word_delimiter, stemmer,
 * mapping/pattern_replace char filters, icu_collation, ... Index settings that use only what is listed here behave
 * like on a production cluster with the real modules.
 */
public class DevAnalysisPlugin extends Plugin implements AnalysisPlugin {

    /** Builds a language analyzer from (stopwords, stem exclusion set). */
    private interface LanguageAnalyzer extends BiFunction<CharArraySet, CharArraySet, Analyzer> {}

    private record Language(Supplier<CharArraySet> defaultStopwords, LanguageAnalyzer factory) {}

    private static final Map<String, Language> LANGUAGES = new TreeMap<>(Map.ofEntries(
        Map.entry("thai", new Language(ThaiAnalyzer::getDefaultStopSet, (stop, excl) -> new ThaiAnalyzer(stop))),
        Map.entry("cjk", new Language(CJKAnalyzer::getDefaultStopSet, (stop, excl) -> new CJKAnalyzer(stop))),
        Map.entry("english", new Language(EnglishAnalyzer::getDefaultStopSet, EnglishAnalyzer::new)),
        Map.entry("french", new Language(FrenchAnalyzer::getDefaultStopSet, FrenchAnalyzer::new)),
        Map.entry("german", new Language(GermanAnalyzer::getDefaultStopSet, GermanAnalyzer::new)),
        Map.entry("spanish", new Language(SpanishAnalyzer::getDefaultStopSet, SpanishAnalyzer::new)),
        Map.entry("portuguese", new Language(PortugueseAnalyzer::getDefaultStopSet, PortugueseAnalyzer::new)),
        Map.entry("italian", new Language(ItalianAnalyzer::getDefaultStopSet, ItalianAnalyzer::new)),
        Map.entry("dutch", new Language(DutchAnalyzer::getDefaultStopSet, DutchAnalyzer::new)),
        Map.entry("russian", new Language(RussianAnalyzer::getDefaultStopSet, RussianAnalyzer::new)),
        Map.entry("arabic", new Language(ArabicAnalyzer::getDefaultStopSet, ArabicAnalyzer::new)),
        Map.entry("hindi", new Language(HindiAnalyzer::getDefaultStopSet, HindiAnalyzer::new)),
        Map.entry("bengali", new Language(BengaliAnalyzer::getDefaultStopSet, BengaliAnalyzer::new)),
        Map.entry("indonesian", new Language(IndonesianAnalyzer::getDefaultStopSet, IndonesianAnalyzer::new))
    ));

    // ---------------------------------------------------------------- analyzers

    @Override
    public Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> getAnalyzers() {
        Map<String, AnalysisProvider<AnalyzerProvider<? extends Analyzer>>> analyzers = new LinkedHashMap<>();
        LANGUAGES.forEach((name, lang) -> analyzers.put(name, (indexSettings, env, n, settings) -> analyzerProvider(n, settings,
            lang.factory().apply(
                Analysis.parseStopWords(env, settings, lang.defaultStopwords().get()),
                Analysis.parseStemExclusion(settings, CharArraySet.EMPTY_SET)))));
        analyzers.put("icu_analyzer", (indexSettings, env, n, settings) -> analyzerProvider(n, settings, icuAnalyzer(normalizer(settings))));
        return analyzers;
    }

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        List<PreBuiltAnalyzerProviderFactory> prebuilt = new java.util.ArrayList<>();
        LANGUAGES.forEach((name, lang) -> prebuilt.add(new PreBuiltAnalyzerProviderFactory(name, CachingStrategy.ONE,
            () -> lang.factory().apply(lang.defaultStopwords().get(), CharArraySet.EMPTY_SET))));
        prebuilt.add(new PreBuiltAnalyzerProviderFactory("icu_analyzer", CachingStrategy.ONE,
            () -> icuAnalyzer(Normalizer2.getNFKCCasefoldInstance())));
        return prebuilt;
    }

    private static AnalyzerProvider<Analyzer> analyzerProvider(String name, Settings settings, Analyzer analyzer) {
        return new AbstractIndexAnalyzerProvider<>(name, settings) {
            @Override
            public Analyzer get() {
                return analyzer;
            }
        };
    }

    /** Same chain as analysis-icu's icu_analyzer: icu_normalizer char filter, icu_tokenizer, icu_normalizer filter. */
    private static Analyzer icuAnalyzer(Normalizer2 normalizer) {
        return new Analyzer() {
            @Override
            protected Reader initReader(String fieldName, Reader reader) {
                return new ICUNormalizer2CharFilter(reader, normalizer);
            }

            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new ICUTokenizer(new DefaultICUTokenizerConfig(true, true));
                return new TokenStreamComponents(tokenizer, new ICUNormalizer2Filter(tokenizer, normalizer));
            }
        };
    }

    // ---------------------------------------------------------------- tokenizers

    @Override
    public Map<String, AnalysisProvider<TokenizerFactory>> getTokenizers() {
        Map<String, AnalysisProvider<TokenizerFactory>> t = new LinkedHashMap<>();
        t.put("thai", tokenizer(s -> ThaiTokenizer::new));
        t.put("keyword", tokenizer(s -> () -> new KeywordTokenizer(s.getAsInt("buffer_size", 256))));
        t.put("whitespace", tokenizer(s -> WhitespaceTokenizer::new));
        t.put("letter", tokenizer(s -> LetterTokenizer::new));
        t.put("uax_url_email", tokenizer(s -> UAX29URLEmailTokenizer::new));
        t.put("pattern", tokenizer(s -> {
            Pattern pattern = Pattern.compile(s.get("pattern", "\\W+"));
            int group = s.getAsInt("group", -1);
            return () -> new PatternTokenizer(pattern, group);
        }));
        t.put("icu_tokenizer", tokenizer(s -> () -> new ICUTokenizer(new DefaultICUTokenizerConfig(true, true))));
        AnalysisProvider<TokenizerFactory> ngram = (indexSettings, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            checkNgramDiff(indexSettings, min, max);
            IntPredicate chars = tokenChars(s);
            return TokenizerFactory.newFactory(name, () -> chars == null ? new NGramTokenizer(min, max) : new NGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        };
        AnalysisProvider<TokenizerFactory> edgeNgram = (indexSettings, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            IntPredicate chars = tokenChars(s);
            return TokenizerFactory.newFactory(name, () -> chars == null ? new EdgeNGramTokenizer(min, max) : new EdgeNGramTokenizer(min, max) {
                @Override
                protected boolean isTokenChar(int c) {
                    return chars.test(c);
                }
            });
        };
        t.put("ngram", ngram);
        t.put("edge_ngram", edgeNgram);
        return t;
    }

    @Override
    public List<PreConfiguredTokenizer> getPreConfiguredTokenizers() {
        return List.of(
            PreConfiguredTokenizer.singleton("ngram", NGramTokenizer::new),
            PreConfiguredTokenizer.singleton("edge_ngram", () -> new EdgeNGramTokenizer(1, 1))
        );
    }

    private static AnalysisProvider<TokenizerFactory> tokenizer(Function<Settings, Supplier<Tokenizer>> f) {
        return (indexSettings, env, name, settings) -> TokenizerFactory.newFactory(name, f.apply(settings));
    }

    /** The {@code token_chars} option of the ngram tokenizers; null means "every character". */
    private static IntPredicate tokenChars(Settings s) {
        List<String> classes = s.getAsList("token_chars");
        if (classes.isEmpty()) {
            return null;
        }
        IntPredicate p = c -> false;
        for (String cls : classes) {
            IntPredicate q = switch (cls.toLowerCase(Locale.ROOT)) {
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
                    case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
                    default -> false;
                };
                default -> throw new IllegalArgumentException("Unknown token type: '" + cls + "'");
            };
            p = p.or(q);
        }
        return p;
    }

    private static void checkNgramDiff(IndexSettings indexSettings, int min, int max) {
        int allowed = indexSettings.getMaxNgramDiff();
        if (max - min > allowed) {
            throw new IllegalArgumentException("The difference between max_gram and min_gram in NGram Tokenizer must be less than or "
                + "equal to: [" + allowed + "] but was [" + (max - min) + "]. This limit can be set by changing the ["
                + IndexSettings.MAX_NGRAM_DIFF_SETTING.getKey() + "] index level setting.");
        }
    }

    // ---------------------------------------------------------------- token filters

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        Map<String, AnalysisProvider<TokenFilterFactory>> f = new LinkedHashMap<>();
        f.put("asciifolding", normalizing(s -> {
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return ts -> new ASCIIFoldingFilter(ts, preserve);
        }));
        f.put("lowercase", normalizing(s -> switch (s.get("language", "").toLowerCase(Locale.ROOT)) {
            case "" -> LowerCaseFilter::new;
            case "greek" -> GreekLowerCaseFilter::new;
            case "irish" -> IrishLowerCaseFilter::new;
            case "turkish" -> TurkishLowerCaseFilter::new;
            default -> throw new IllegalArgumentException("language [" + s.get("language") + "] not support for lower case");
        }));
        f.put("uppercase", normalizing(s -> UpperCaseFilter::new));
        f.put("cjk_width", normalizing(s -> CJKWidthFilter::new));
        f.put("decimal_digit", normalizing(s -> DecimalDigitFilter::new));
        f.put("cjk_bigram", filter(s -> {
            int flags = 0;
            Set<String> ignored = new HashSet<>(s.getAsList("ignored_scripts"));
            if (ignored.contains("han") == false) flags |= CJKBigramFilter.HAN;
            if (ignored.contains("hiragana") == false) flags |= CJKBigramFilter.HIRAGANA;
            if (ignored.contains("katakana") == false) flags |= CJKBigramFilter.KATAKANA;
            if (ignored.contains("hangul") == false) flags |= CJKBigramFilter.HANGUL;
            boolean unigrams = s.getAsBoolean("output_unigrams", false);
            int finalFlags = flags;
            return ts -> new CJKBigramFilter(ts, finalFlags, unigrams);
        }));
        f.put("ngram", (indexSettings, env, name, s) -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            checkNgramDiff(indexSettings, min, max);
            return new Filter(name, s, ts -> new NGramTokenFilter(ts, min, max, preserve));
        });
        f.put("edge_ngram", filter(s -> {
            int min = s.getAsInt("min_gram", 1), max = s.getAsInt("max_gram", 2);
            boolean preserve = s.getAsBoolean("preserve_original", false);
            return ts -> new EdgeNGramTokenFilter(ts, min, max, preserve);
        }));
        f.put("porter_stem", filter(s -> PorterStemFilter::new));
        f.put("kstem", filter(s -> KStemFilter::new));
        // ES's `stemmer` for the English stemmers its analysis-common maps to these classes.
        f.put("stemmer", filter(s -> {
            String language = s.get("language", s.get("name", "english"));
            return switch (language) {
                case "minimal_english" -> EnglishMinimalStemFilter::new;
                case "light_english" -> KStemFilter::new;
                case "english", "porter" -> PorterStemFilter::new;
                case "possessive_english" -> EnglishPossessiveFilter::new;
                default -> throw new IllegalArgumentException(
                    "The dev node's stemmer knows minimal_english, light_english, english, porter and "
                        + "possessive_english, not [" + language + "]");
            };
        }));
        f.put("snowball", filter(s -> {
            String language = s.get("language", "English");
            return ts -> new SnowballFilter(ts, language);
        }));
        f.put("trim", filter(s -> TrimFilter::new));
        // After a graph filter (synonym_graph) in an index analyzer: an index cannot store a graph.
        f.put("flatten_graph", filter(s -> FlattenGraphFilter::new));
        f.put("reverse", filter(s -> ReverseStringFilter::new));
        f.put("truncate", filter(s -> {
            int length = s.getAsInt("length", 10);
            return ts -> new TruncateTokenFilter(ts, length);
        }));
        // The secured node's .security index (X-Pack) analyses e-mail addresses with it.
        // The secured node's .security index (X-Pack) analyses e-mail addresses with it. Like ES, it needs its
        // settings, so the registry doesn't build one with none for an index that doesn't configure it.
        f.put("pattern_capture", AnalysisPlugin.requiresAnalysisSettings(filter(s -> {
            List<String> patterns = s.getAsList("patterns");
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("required setting 'patterns' is missing for token filter [pattern_capture]");
            }
            Pattern[] compiled = patterns.stream().map(Pattern::compile).toArray(Pattern[]::new);
            boolean preserve = s.getAsBoolean("preserve_original", true);
            return ts -> new PatternCaptureGroupTokenFilter(ts, preserve, compiled);
        })));
        f.put("unique", filter(s -> {
            boolean samePosition = s.getAsBoolean("only_on_same_position", false);
            return ts -> new UniqueTokenFilter(ts, samePosition);
        }));
        f.put("length", filter(s -> {
            int min = s.getAsInt("min", 0), max = s.getAsInt("max", Integer.MAX_VALUE);
            return ts -> new LengthFilter(ts, min, max);
        }));
        f.put("icu_folding", normalizing(s -> {
            Normalizer2 n = unicodeSetFilter(ICUFoldingFilter.NORMALIZER, s);
            return ts -> new ICUNormalizer2Filter(ts, n);
        }));
        f.put("icu_normalizer", normalizing(s -> {
            Normalizer2 n = normalizer(s);
            return ts -> new ICUNormalizer2Filter(ts, n);
        }));
        f.put("icu_transform", normalizing(s -> {
            int dir = "reverse".equals(s.get("dir", "forward")) ? Transliterator.REVERSE : Transliterator.FORWARD;
            Transliterator t = Transliterator.getInstance(s.get("id", "Null"), dir);
            return ts -> new ICUTransformFilter(ts, t);
        }));
        // As in analysis-common: these cannot be built from defaults, only from their own settings.
        f.put("synonym", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, s) -> new SynonymFactory(name, s, false)));
        f.put("synonym_graph", AnalysisPlugin.requiresAnalysisSettings((indexSettings, env, name, s) -> new SynonymFactory(name, s, true)));
        return f;
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(
            PreConfiguredTokenFilter.singleton("asciifolding", true, ASCIIFoldingFilter::new),
            PreConfiguredTokenFilter.singleton("cjk_bigram", false, CJKBigramFilter::new),
            PreConfiguredTokenFilter.singleton("cjk_width", true, CJKWidthFilter::new),
            PreConfiguredTokenFilter.singleton("decimal_digit", true, DecimalDigitFilter::new),
            PreConfiguredTokenFilter.singleton("uppercase", true, UpperCaseFilter::new),
            PreConfiguredTokenFilter.singleton("ngram", false, false, ts -> new NGramTokenFilter(ts, 1, 2, false)),
            PreConfiguredTokenFilter.singleton("edge_ngram", false, false, ts -> new EdgeNGramTokenFilter(ts, 1, 1, false)),
            PreConfiguredTokenFilter.singleton("porter_stem", false, PorterStemFilter::new),
            PreConfiguredTokenFilter.singleton("kstem", false, KStemFilter::new),
            PreConfiguredTokenFilter.singleton("snowball", false, ts -> new SnowballFilter(ts, "English")),
            PreConfiguredTokenFilter.singleton("trim", true, TrimFilter::new),
            PreConfiguredTokenFilter.singleton("reverse", false, ReverseStringFilter::new)
        );
    }

    private static Normalizer2 normalizer(Settings s) {
        String method = s.get("method", s.get("name", "nfkc_cf"));
        Normalizer2.Mode mode = "decompose".equals(s.get("mode", "compose")) ? Normalizer2.Mode.DECOMPOSE : Normalizer2.Mode.COMPOSE;
        return unicodeSetFilter(Normalizer2.getInstance(null, method, mode), s);
    }

    private static Normalizer2 unicodeSetFilter(Normalizer2 normalizer, Settings s) {
        String filter = s.get("unicode_set_filter");
        return filter == null ? normalizer : new FilteredNormalizer2(normalizer, new UnicodeSet(filter).freeze());
    }

    /**
     * The {@code synonym} and {@code synonym_graph} filters of analysis-common, for inline rules in Solr format
     * ({@code synonyms}, {@code expand}, {@code lenient}; no {@code synonyms_path}, {@code synonyms_set} or WordNet).
     *
     * <p>As in Elasticsearch, the rules are parsed with the analysis chain that precedes the filter (tokenizer, char
     * filters and earlier token filters), so "แรงงานบังคับ" is split by the Thai or ICU tokenizer exactly as the
     * text it has to match. The factory therefore only works once specialised for its chain.
     */
    private static final class SynonymFactory extends AbstractTokenFilterFactory {
        private final boolean graph;
        private final boolean expand;
        private final boolean lenient;
        private final List<String> rules;

        SynonymFactory(String name, Settings settings, boolean graph) {
            super(name, settings);
            this.graph = graph;
            this.expand = settings.getAsBoolean("expand", true);
            this.lenient = settings.getAsBoolean("lenient", false);
            if (settings.get("synonyms_path") != null || settings.get("synonyms_set") != null) {
                throw new IllegalArgumentException("the dev node's [" + name + "] filter supports inline `synonyms` only, "
                    + "not `synonyms_path` or `synonyms_set`");
            }
            if (settings.get("format") != null && "solr".equals(settings.get("format")) == false) {
                throw new IllegalArgumentException("the dev node's [" + name + "] filter supports the solr format only");
            }
            this.rules = rules(settings);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("synonym requires either `synonyms`, `synonyms_set` or `synonyms_path` to be configured"
                    + " (settings given: " + settings.keySet() + ")");
            }
        }

        /** The inline rules, whether the settings hold them as a list or as numbered keys (synonyms.0, synonyms.1...). */
        private static List<String> rules(Settings settings) {
            List<String> list = settings.getAsList("synonyms", List.of(), false);
            if (list.isEmpty() == false) {
                return list;
            }
            TreeMap<Integer, String> numbered = new TreeMap<>();
            for (String key : settings.keySet()) {
                if (key.startsWith("synonyms.") && key.substring("synonyms.".length()).chars().allMatch(Character::isDigit)) {
                    numbered.put(Integer.parseInt(key.substring("synonyms.".length())), settings.get(key));
                }
            }
            return List.copyOf(numbered.values());
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            throw new IllegalStateException("Call getChainAwareTokenFilterFactory to specialize this factory for " + name());
        }

        @Override
        public TokenFilterFactory getChainAwareTokenFilterFactory(
            IndexCreationContext context,
            TokenizerFactory tokenizer,
            List<CharFilterFactory> charFilters,
            List<TokenFilterFactory> previousTokenFilters,
            Function<String, TokenFilterFactory> allFilters
        ) {
            Analyzer chain = new CustomAnalyzer(
                tokenizer,
                charFilters.toArray(new CharFilterFactory[0]),
                previousTokenFilters.stream().map(TokenFilterFactory::getSynonymFilter).toArray(TokenFilterFactory[]::new)
            );
            SynonymMap map = buildMap(chain);
            String filterName = name();
            return new TokenFilterFactory() {
                @Override
                public String name() {
                    return filterName;
                }

                @Override
                public TokenStream create(TokenStream tokenStream) {
                    // An empty rule list gives a map without an FST, which the Lucene filters refuse.
                    if (map.fst == null) {
                        return tokenStream;
                    }
                    return graph ? new SynonymGraphFilter(tokenStream, map, false) : new SynonymFilter(tokenStream, map, false);
                }

                @Override
                public TokenFilterFactory getSynonymFilter() {
                    // Synonym rules are never rewritten by another synonym filter earlier in the chain.
                    return IDENTITY_FILTER;
                }
            };
        }

        private SynonymMap buildMap(Analyzer chain) {
            LenientSolrParser parser = new LenientSolrParser(expand, lenient, chain);
            try {
                parser.parse(new StringReader(String.join("\n", rules)));
                return parser.build();
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("failed to build synonyms for [" + name() + "]: " + e.getMessage(), e);
            }
        }
    }

    /** Solr-format synonym parsing that, with {@code lenient}, skips rules the chain cannot analyse (like ESSolrSynonymParser). */
    private static final class LenientSolrParser extends SolrSynonymParser {
        private final boolean lenient;

        LenientSolrParser(boolean expand, boolean lenient, Analyzer analyzer) {
            super(true, expand, analyzer);
            this.lenient = lenient;
        }

        @Override
        public void add(CharsRef input, CharsRef output, boolean includeOrig) {
            if (lenient == false || (input.length > 0 && output.length > 0)) {
                super.add(input, output, includeOrig);
            }
        }

        @Override
        public CharsRef analyze(String text, CharsRefBuilder reuse) throws IOException {
            try {
                return super.analyze(text, reuse);
            } catch (IllegalArgumentException e) {
                if (lenient) {
                    return new CharsRef("");
                }
                throw e;
            }
        }
    }

    /** analysis-common's {@code unique}: drops a token seen before (in the stream, or at the same position). */
    private static final class UniqueTokenFilter extends TokenFilter {
        private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
        private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
        private final CharArraySet seen = new CharArraySet(8, false);
        private final boolean samePosition;

        UniqueTokenFilter(TokenStream input, boolean samePosition) {
            super(input);
            this.samePosition = samePosition;
        }

        @Override
        public boolean incrementToken() throws IOException {
            while (input.incrementToken()) {
                if (samePosition && position.getPositionIncrement() > 0) {
                    seen.clear();
                }
                char[] copy = Arrays.copyOf(term.buffer(), term.length());
                if (seen.contains(copy)) {
                    continue;
                }
                seen.add(copy);
                return true;
            }
            return false;
        }

        @Override
        public void reset() throws IOException {
            super.reset();
            seen.clear();
        }
    }

    private static final class Filter extends AbstractTokenFilterFactory {
        private final Function<TokenStream, TokenStream> create;

        Filter(String name, Settings settings, Function<TokenStream, TokenStream> create) {
            super(name, settings);
            this.create = create;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return create.apply(tokenStream);
        }
    }

    /** A filter that may also be used in normalizers (keyword fields), like its analysis-common counterpart. */
    private static final class NormalizingFilter extends AbstractTokenFilterFactory implements NormalizingTokenFilterFactory {
        private final Function<TokenStream, TokenStream> create;

        NormalizingFilter(String name, Settings settings, Function<TokenStream, TokenStream> create) {
            super(name, settings);
            this.create = create;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return create.apply(tokenStream);
        }
    }

    private static AnalysisProvider<TokenFilterFactory> filter(Function<Settings, Function<TokenStream, TokenStream>> f) {
        return (indexSettings, env, name, settings) -> new Filter(name, settings, f.apply(settings));
    }

    private static AnalysisProvider<TokenFilterFactory> normalizing(Function<Settings, Function<TokenStream, TokenStream>> f) {
        return (indexSettings, env, name, settings) -> new NormalizingFilter(name, settings, f.apply(settings));
    }

    // ---------------------------------------------------------------- char filters

    @Override
    public Map<String, AnalysisProvider<CharFilterFactory>> getCharFilters() {
        Map<String, AnalysisProvider<CharFilterFactory>> c = new LinkedHashMap<>();
        c.put("html_strip", (indexSettings, env, name, s) -> {
            Set<String> escaped = new HashSet<>(s.getAsList("escaped_tags"));
            return new AbstractCharFilterFactory(name) {
                @Override
                public Reader create(Reader reader) {
                    return new HTMLStripCharFilter(reader, escaped);
                }
            };
        });
        c.put("icu_normalizer", (indexSettings, env, name, s) -> {
            Normalizer2 n = normalizer(s);
            return new NormalizingCharFilter(name, reader -> new ICUNormalizer2CharFilter(reader, n));
        });
        return c;
    }

    @Override
    public List<PreConfiguredCharFilter> getPreConfiguredCharFilters() {
        return List.of(PreConfiguredCharFilter.singleton("html_strip", false, HTMLStripCharFilter::new));
    }

    private static final class NormalizingCharFilter extends AbstractCharFilterFactory implements NormalizingCharFilterFactory {
        private final Function<Reader, Reader> create;

        NormalizingCharFilter(String name, Function<Reader, Reader> create) {
            super(name);
            this.create = create;
        }

        @Override
        public Reader create(Reader reader) {
            return create.apply(reader);
        }
    }
}
