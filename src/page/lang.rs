//! The languages of the pages' own words, and those words in each.
//!
//! Entity labels come from the data, in each language it has; this module holds only what a
//! page says around them (headings, "source", "quote", "line"...).

use crate::schema::Kind;

/// A language the page text is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Ru,
    Kk,
}

impl Lang {
    /// Every language, in the order the language switch lists them.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ru, Lang::Kk];

    /// The BCP 47 tag: `en`, `ru`, `kk`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
            Lang::Kk => "kk",
        }
    }

    /// The language's own name, for the switch.
    pub fn name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Ru => "Русский",
            Lang::Kk => "Қазақша",
        }
    }

    /// The language a tag names (`ru`, `ru-RU`, `KK`), if it is one of ours.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }

    /// The language of a page: `?lang=` when it names one of ours, otherwise the best of
    /// `Accept-Language` by its q-values (the first listed on a tie), otherwise English.
    pub fn negotiate(query_lang: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(lang) = query_lang.and_then(Lang::from_tag) {
            return lang;
        }
        let mut best: Option<(f32, Lang)> = None;
        for range in accept_language.unwrap_or_default().split(',') {
            let mut parts = range.split(';');
            let Some(lang) = parts.next().and_then(Lang::from_tag) else {
                continue;
            };
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(1.0, |q| q.trim().parse::<f32>().unwrap_or(0.0));
            if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                best = Some((q, lang));
            }
        }
        best.map_or(Lang::En, |(_, lang)| lang)
    }

    /// What an entity of `kind` is called: "post", "должность", "лауазым".
    pub fn kind(self, kind: Kind) -> &'static str {
        let [en, ru, kk] = match kind {
            Kind::Person => ["person", "человек", "адам"],
            Kind::Unit => ["administrative unit", "административная единица", "әкімшілік бірлік"],
            Kind::Body => ["body", "орган", "орган"],
            Kind::Post => ["post", "должность", "лауазым"],
            Kind::Org => ["organisation", "организация", "ұйым"],
            Kind::Law => ["law or provision", "закон или норма", "заң немесе норма"],
            Kind::Program => ["programme", "программа", "бағдарлама"],
            Kind::Event => ["event", "событие", "оқиға"],
            Kind::Plan => ["action plan", "план действий", "іс-қимыл жоспары"],
            Kind::Source => ["source", "источник", "дереккөз"],
            Kind::Stmt => ["statement", "утверждение", "тұжырым"],
            Kind::Proposal => ["proposal", "предложение", "ұсыныс"],
            Kind::Document => ["document", "документ", "құжат"],
            Kind::Finding => ["finding", "вывод", "тұжырым"],
        };
        match self {
            Lang::En => en,
            Lang::Ru => ru,
            Lang::Kk => kk,
        }
    }

    /// The page text `word` in this language.
    pub fn text(self, word: Word) -> &'static str {
        let [en, ru, kk] = word.texts();
        match self {
            Lang::En => en,
            Lang::Ru => ru,
            Lang::Kk => kk,
        }
    }
}

/// Declares [`Word`] and its three translations in one table.
macro_rules! words {
    ($($word:ident: $en:literal, $ru:literal, $kk:literal;)*) => {
        /// A word or phrase of the page text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Word {
            $($word,)*
        }

        impl Word {
            /// Every word, in declaration order.
            pub const ALL: &'static [Word] = &[$(Word::$word,)*];

            /// The English, Russian and Kazakh texts.
            pub fn texts(self) -> [&'static str; 3] {
                match self { $(Word::$word => [$en, $ru, $kk],)* }
            }
        }
    };
}

words! {
    SiteName: "Kazakhstan local government knowledge graph", "Граф знаний о местном управлении Казахстана", "Қазақстанның жергілікті басқаруы туралы білім графы";
    Search: "Search", "Поиск", "Іздеу";
    SearchHint: "a name in any spelling or script", "имя в любом написании", "кез келген жазылудағы атау";
    Names: "Names", "Названия", "Атаулары";
    AlsoCalled: "also called", "также", "басқа атауы";
    OtherNames: "Other names, with their sources", "Другие названия и их источники", "Басқа атаулары және олардың дереккөздері";
    WhatItIs: "What it is", "Что это", "Бұл не";
    WhereItLies: "Where it lies", "Где находится", "Қайда орналасқан";
    Facts: "Facts", "Факты", "Деректер";
    Rules: "Rules", "Правила", "Ережелер";
    RulesInherited: "Rules of the generic post", "Правила общей должности", "Жалпы лауазымның ережелері";
    Tenures: "Who held it", "Кто занимал", "Кім атқарды";
    PostsHeld: "Posts held", "Занимаемые должности", "Атқарған лауазымдары";
    Events: "Events", "События", "Оқиғалар";
    ExternalIds: "External identifiers", "Внешние идентификаторы", "Сыртқы идентификаторлар";
    Related: "Related entities", "Связанные объекты", "Байланысты нысандар";
    Notes: "Notes", "Примечания", "Ескертпелер";
    Source: "source", "источник", "дереккөз";
    Quote: "quote", "цитата", "дәйексөз";
    Line: "line", "строка", "жол";
    Note: "note", "примечание", "ескертпе";
    Basis: "basis", "основание", "негіз";
    DeJure: "de jure", "де-юре", "де-юре";
    DeFacto: "de facto", "де-факто", "де-факто";
    Proposed: "proposed", "предложено", "ұсынылған";
    LegalProvision: "legal provision", "правовая норма", "құқықтық норма";
    Condition: "condition", "условие", "шарт";
    Holds: "holds", "действует", "күшінде";
    HoldsNot: "does not hold then", "тогда не действует", "ол кезде күшінде емес";
    AttestedIn: "attested in", "засвидетельствовано в", "куәландырылған кезі";
    From: "from", "с", "бастап";
    Until: "until", "до", "дейін";
    Undated: "undated", "без даты", "күні жоқ";
    InheritedFrom: "inherited from", "унаследовано от", "мұраланған";
    AsOf: "as of", "на дату", "күнгі жағдай";
    Ontology: "Ontology", "Онтология", "Онтология";
    Classes: "Classes", "Классы", "Кластар";
    Properties: "Properties", "Свойства", "Қасиеттер";
    Values: "Values", "Значения", "Мәндер";
    Domain: "domain", "область определения", "анықталу аймағы";
    Range: "range", "область значений", "мәндер аймағы";
    Uses: "Uses", "Использование", "Қолданылуы";
    NotFound: "Nothing has this identifier", "Нет объекта с таким идентификатором", "Мұндай идентификаторы бар нысан жоқ";
    DidYouMean: "Did you mean", "Возможно, вы искали", "Мүмкін, сіз іздегеніңіз";
    Home: "Home", "Главная", "Басты бет";
    Licence: "Data under CC BY 4.0, code under MIT or Apache-2.0", "Данные: CC BY 4.0, код: MIT или Apache-2.0", "Деректер: CC BY 4.0, код: MIT немесе Apache-2.0";
    SourceCode: "source and tables", "исходный код и таблицы", "бастапқы код және кестелер";
    Formats: "This page as data", "Эта страница как данные", "Бұл бет деректер ретінде";
    ByKind: "By kind", "По виду", "Түрі бойынша";
    ByRegion: "By region", "По области", "Облыс бойынша";
    Counts: "In the graph", "В графе", "Графта";
    NoResults: "Nothing found", "Ничего не найдено", "Ештеңе табылмады";
    Entities: "entities", "объектов", "нысан";
    HomeIntro: "Who appoints, elects, dismisses and oversees whom, from the republic down to the rural district: every fact with its source and a verbatim quote. Search a name above, browse by region or kind below, or ask the graph in SPARQL on the query page.", "Кто кого назначает, избирает, освобождает от должности и кому подотчётен — от республики до сельского округа: каждый факт с источником и дословной цитатой. Найдите имя через поиск выше, выберите область или вид ниже либо задайте вопрос графу на SPARQL на странице запросов.", "Кім кімді тағайындайды, сайлайды, қызметінен босатады және кімге есеп береді — республикадан ауылдық округке дейін: әрбір дерек дереккөзімен және сөзбе-сөз дәйексөзімен берілген. Атауды жоғарыдағы іздеу арқылы табыңыз, төменнен облысты немесе түрді таңдаңыз не сұраулар бетінде графқа SPARQL тілінде сұрақ қойыңыз.";
    Institutions: "The institutions", "Устройство власти", "Билік құрылымы";
    PictureAlt: "Who appoints the akims and to whom they answer, in 2002 and on the dataset's date", "Кто назначает акимов и кому они подотчётны: в 2002 году и на дату набора данных", "Әкімдерді кім тағайындайды және олар кімге есеп береді: 2002 жылы және деректер жинағының күнінде";
    RulesInForce: "Rules in force on the dataset's date, of all rules", "Правила, действующие на дату набора данных, из всех правил", "Деректер жинағының күнінде күшінде тұрған ережелер, барлық ережелердің ішінен";
    ReadyQuestions: "Ready questions", "Готовые вопросы", "Дайын сұрақтар";
    Query: "Query", "Запрос", "Сұрау";
    SparqlEndpoint: "SPARQL endpoint", "Точка доступа SPARQL", "SPARQL қол жеткізу нүктесі";
    Reconciliation: "Reconciliation", "Сверка данных", "Деректерді салыстыру";
    EntitiesFound: "Entities", "Объекты", "Нысандар";
    MayMean: "Entities the name may mean, best first", "Объекты, которые может означать это имя, начиная с наиболее вероятных", "Бұл атау білдіруі мүмкін нысандар, ең ықтималынан бастап";
    Score: "score", "оценка", "ұпай";
    InTheText: "In the text", "В тексте", "Мәтінде";
    TextHits: "Rows whose names, notes or quotes hold these words", "Строки, в названиях, примечаниях или цитатах которых есть эти слова", "Атауларында, ескертпелерінде немесе дәйексөздерінде осы сөздер кездесетін жолдар";
    AskTheGraph: "Ask the graph", "Вопрос к графу", "Графқа сұрақ қою";
    QueryIntro: "Write SPARQL, or start from a ready question. The project's prefixes (kzlg:, person:, post:, unit:, body:, org:, foaf:, …) are declared.", "Напишите запрос на SPARQL или начните с готового вопроса. Префиксы проекта (kzlg:, person:, post:, unit:, body:, org:, foaf:, …) уже объявлены.", "SPARQL тілінде сұрау жазыңыз немесе дайын сұрақтан бастаңыз. Жобаның префикстері (kzlg:, person:, post:, unit:, body:, org:, foaf:, …) алдын ала жарияланған.";
    RowLimit: "Rows at most", "Не более строк", "Жолдардың ең көп саны";
    TimeLimit: "Time per query", "Время на запрос", "Бір сұрауға берілетін уақыт";
    Seconds: "s", "с", "с";
    ChooseOne: "(choose one)", "(выберите)", "(біреуін таңдаңыз)";
    Run: "Run", "Выполнить", "Орындау";
    Running: "running…", "выполняется…", "орындалып жатыр…";
    RowsOne: "{n} row", "строк: {n}", "жол саны: {n}";
    RowsMany: "{n} rows", "строк: {n}", "жол саны: {n}";
    RowsCut: "(cut at the server's limit: page with LIMIT and OFFSET)", "(обрезано по пределу сервера: выводите по частям с LIMIT и OFFSET)", "(сервер шегінде қысқартылды: LIMIT және OFFSET арқылы бөліп шығарыңыз)";
    GraphAsTurtle: "a graph, as Turtle", "граф в формате Turtle", "Turtle пішіміндегі граф";
    Error: "error", "ошибка", "қате";
    Milliseconds: "ms", "мс", "мс";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_wins_over_the_header_and_q_values_decide() {
        assert_eq!(Lang::negotiate(Some("kk"), Some("ru")), Lang::Kk);
        assert_eq!(Lang::negotiate(Some("fr"), Some("ru-RU,ru;q=0.9")), Lang::Ru);
        assert_eq!(Lang::negotiate(None, Some("de, kk;q=0.5, ru;q=0.8")), Lang::Ru);
        assert_eq!(Lang::negotiate(None, Some("ru;q=0, de")), Lang::En);
        assert_eq!(Lang::negotiate(None, None), Lang::En);
    }

    #[test]
    fn every_word_is_written_in_every_language() {
        for word in Word::ALL {
            assert!(word.texts().iter().all(|t| !t.is_empty()), "{word:?}");
        }
    }
}
