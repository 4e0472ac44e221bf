/**
 * The functions a free-SQL chart on a partner connection may call on ClickHouse: an allowlist, read
 * the same whether the name is bare, in back quotes or in double quotes. Every function here
 * computes on the values it is given; none reads a table, a file, a URL, a dictionary, another
 * server or the server's settings. A function that is not listed is refused, so a new ClickHouse
 * function that reaches outside (there is one in nearly every release) is refused too.
 *
 * Names are compared in lower case: ClickHouse resolves some names case-insensitively, and no
 * dangerous function is a case variant of one listed here.
 */
const SCALAR = `
  plus minus multiply divide intdiv intdivorzero modulo moduloorzero negate abs gcd lcm
  equals notequals less greater lessorequals greaterorequals and or not xor
  in notin globalin globalnotin nullin notnullin globalnullin globalnotnullin
  like notlike ilike notilike match multimatchany position positioncaseinsensitive locate
  if multiif case coalesce ifnull nullif assumenotnull tonullable isnull isnotnull isnan isfinite isinfinite
  cast _cast accuratecast accuratecastornull tostring tofixedstring tostringcuttozero
  toint8 toint16 toint32 toint64 toint128 toint256 touint8 touint16 touint32 touint64 touint128 touint256
  tofloat32 tofloat64 todecimal32 todecimal64 todecimal128 todecimal256 tobool
  toint8ornull toint16ornull toint32ornull toint64ornull touint8ornull touint16ornull touint32ornull touint64ornull
  tofloat32ornull tofloat64ornull toint32orzero toint64orzero touint32orzero touint64orzero tofloat64orzero
  todecimal64ornull todateornull todatetimeornull todateorzero todatetimeorzero
  todate todate32 todatetime todatetime64 tostartofyear tostartofquarter tostartofmonth tostartofweek tomonday
  tostartofday tostartofhour tostartofminute tostartoffifteenminutes tostartoffiveminutes tostartofinterval
  toyear toquarter tomonth todayofmonth todayofweek todayofyear tohour tominute tosecond toweek toyearweek
  toisoweek toisoyear toyyyymm toyyyymmdd torelativemonthnum torelativeweeknum torelativedaynum
  datediff date_diff dateadd date_add datesub date_sub date_trunc datetrunc timestampadd timestampsub
  adddays addmonths addyears addweeks addhours addminutes addseconds addquarters
  subtractdays subtractmonths subtractyears subtractweeks subtracthours subtractminutes subtractseconds subtractquarters
  tointervalsecond tointervalminute tointervalhour tointervalday tointervalweek tointervalmonth tointervalquarter tointervalyear
  formatdatetime parsedatetimebesteffort parsedatetimebesteffortornull parsedatetime64besteffort
  now today yesterday totimezone tounixtimestamp fromunixtimestamp lastday tolastdayofmonth
  extract year quarter month day dayofmonth dayofweek dayofyear hour minute second
  round roundbankers floor ceil ceiling trunc truncate sqrt cbrt exp log ln log2 log10 pow power sign
  least greatest
  length empty notempty lower upper lowerutf8 upperutf8 lengthutf8 reverse reverseutf8 concat concatws
  substring substr substringutf8 mid left right leftutf8 rightutf8 trim trimleft trimright trimboth ltrim rtrim
  replace replaceall replaceone replaceregexpall replaceregexpone startswith endswith splitbychar splitbystring
  format leftpad rightpad lpad rpad repeat char tojsonstring
  array arrayelement has hasall hasany indexof arrayjoin arraymap arrayfilter arraysum arraycount arrayexists
  arrayall arraysort arrayreversesort arrayslice arrayconcat arraydistinct arrayuniq arraystringconcat arrayenumerate
  arrayreduce arrayzip arrayfirst arraylast arraymin arraymax arrayavg emptyarraystring range
  tuple tupleelement lambda
  hex unhex tostring todecimalstring formatreadablequantity formatreadablesize
  rand rand32 rand64 cityhash64 sipHash64 xxhash64 murmurhash3_64 md5 sha256
  currentdatabase version uptime
`;

/** Aggregate and window functions (combinators such as -If, -Distinct, -OrNull are read off the end). */
const AGGREGATE = `
  count sum avg min max any anylast anyheavy argmin argmax uniq uniqexact uniqcombined uniqhll12
  median quantile quantiles quantileexact quantiletiming quantiledeterministic stddevpop stddevsamp varpop varsamp
  grouparray groupuniqarray grouparraysample groupbitand groupbitor groupbitxor topk covarpop covarsamp corr
  sumwithoverflow summap minmap maxmap avgweighted
  row_number rank dense_rank percent_rank cume_dist ntile lagInFrame leadInFrame first_value last_value nth_value
`;

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean).map((w) => w.toLowerCase()));

export const ALLOWED_FUNCTIONS: ReadonlySet<string> = words(SCALAR);
export const ALLOWED_AGGREGATES: ReadonlySet<string> = words(AGGREGATE);

/** Table functions that produce rows without reading any table, file or server: allowed where a table is expected. */
export const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = words('numbers numbers_mt zeros zeros_mt values generate_series generateseries');

/** Aggregate-function combinators, longest first (`sumIfOrNull` is sum + If + OrNull). */
const COMBINATORS = ['simplestate', 'distinct', 'ornull', 'ordefault', 'foreach', 'resample', 'array', 'state', 'merge', 'if'];

/** The aggregate under a chain of combinators, or undefined when `name` is not one. */
function baseAggregate(name: string): string | undefined {
  let n = name;
  for (let i = 0; i < 6; i++) {
    if (ALLOWED_AGGREGATES.has(n)) return n;
    const c = COMBINATORS.find((k) => n.length > k.length && n.endsWith(k));
    if (!c) return undefined;
    n = n.slice(0, -c.length);
  }
  return undefined;
}

/** Whether a chart may call `name` as an ordinary (not table) function. */
export function isAllowedFunction(name: string): boolean {
  const n = name.toLowerCase();
  return ALLOWED_FUNCTIONS.has(n) || baseAggregate(n) !== undefined;
}

export function isAllowedTableFunction(name: string): boolean {
  return ALLOWED_TABLE_FUNCTIONS.has(name.toLowerCase());
}
