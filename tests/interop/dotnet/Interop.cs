// Interop driver: produces ground-truth .NET wire output (Mono's DataContractSerializer and
// XsdDataContractExporter, Debian's Json.NET 6.0.8) for the models contractkit generates from
// the three bundled specs (build.sh: contractkit generate SPEC --csharp).
//
//   mono Interop.exe export-xsd OUTDIR [real-contracts]
//   mono Interop.exe xml-to-json TYPE    < in.xml  > out.json
//   mono Interop.exe json-to-xml TYPE    < in.json > out.xml
//   mono Interop.exe xml-roundtrip TYPE  < in.xml  > out.xml
//   mono Interop.exe json-roundtrip TYPE < in.json > out.json
//   mono Interop.exe batch OP TYPE INDIR OUTDIR   (OP: one of the four above; NAME.out or NAME.err per file)
//   mono Interop.exe samples OUTDIR [SEED_OUTDIR]
//   mono Interop.exe samples-real OUTDIR          (fixtures/real-contracts)
//   mono Interop.exe helppage-seed xml|json
//   mono Interop.exe types
//
// TYPE is a C# type expression over the models: a class by simple or full name (OutgoingSecureMessageModel,
// Common.Dto.Get.Order), a primitive, object, List<T>, T[], T?, Dictionary<K,V> or a generic model
// (ApiResponse<Common.Dto.Get.Order>), as contractkit spells its --type.
// stdin/stdout are raw bytes (UTF-8, no BOM). Any exception: one line on stderr, exit code 1.
// Run with TZ=UTC (build.sh/run.sh do): DateTimeKind.Local values then print as +00:00, as on the
// help page's server.

using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

using GlobalPortal.Api.Models.OutgoingSecureMessages;
using Contoso.Shared;
using Contoso.Everything;
using Contoso.Shop;
using Contoso.Api;
using Contoso.Plain;
using Contoso.Odd;

namespace ContractKit.Interop
{
    public static class Program
    {
        static readonly UTF8Encoding Utf8NoBom = new UTF8Encoding(false);

        // The types handed to XsdDataContractExporter.Export (everything else comes along).
        static readonly Type[] RootTypes =
        {
            typeof(OutgoingSecureMessageModel),
            typeof(Everything),
            typeof(Thing),
            typeof(Address),
            typeof(Color),
            typeof(Level),
            typeof(Perms),
        };

        // schemas/real-contracts.yaml: its classes, the generic uses it makes, and its bodies.
        static readonly Type[] RealContractTypes =
        {
            typeof(Contoso.Shapes.Drawing),  // issue 9b: derived types as extensions, a struct
            typeof(Contoso.Knobs.Settings),
            typeof(Holder),
            typeof(ProductModel),
            typeof(Size),
            typeof(ProductList),
            typeof(PriceBook),
            typeof(PlainModel),
            typeof(OddName),
            typeof(Common.Dto.Post.Order),
            typeof(Common.Dto.Get.Order),
            typeof(ApiResponse<Common.Dto.Get.Order>),
            typeof(ApiResponse<int>),
            typeof(Envelope<ProductModel>),
            typeof(Pair<string, Size>),
            typeof(List<ProductModel>),
            typeof(int[]),
            typeof(Dictionary<string, string>),
            typeof(object),
            typeof(int),
        };

        public static int Main(string[] args)
        {
            try
            {
                if (args.Length == 0) throw new ArgumentException("usage: Interop.exe COMMAND [ARG]");
                switch (args[0])
                {
                    case "export-xsd": ExportXsd(Arg(args, 1), args.Length > 2 && args[2] == "real-contracts" ? RealContractTypes : RootTypes); break;
                    case "xml-to-json": WriteStdout(ToJson(FromXml(ParseType(Arg(args, 1)), ReadStdin()))); break;
                    case "json-to-xml": WriteStdout(ToXml(ParseType(Arg(args, 1)), FromJson(ParseType(Arg(args, 1)), ReadStdin()))); break;
                    case "xml-roundtrip": WriteStdout(ToXml(ParseType(Arg(args, 1)), FromXml(ParseType(Arg(args, 1)), ReadStdin()))); break;
                    case "json-roundtrip": WriteStdout(ToJson(FromJson(ParseType(Arg(args, 1)), ReadStdin()))); break;
                    case "batch": Batch(Arg(args, 1), ParseType(Arg(args, 2)), Arg(args, 3), Arg(args, 4)); break;
                    case "samples": Samples(Arg(args, 1), args.Length > 2 ? args[2] : Arg(args, 1)); break;
                    case "samples-9b": Samples9b(Arg(args, 1)); break;
                    case "samples-real": RealSamples(Arg(args, 1)); break;
                    case "helppage-seed":
                        // the seed exactly as the help page shows it (Status/Priority "sample string 5"/"6")
                        var hp = Seed("sample string 5", "sample string 6");
                        var fmt = Arg(args, 1);
                        if (fmt == "xml") WriteStdout(ToXml(typeof(OutgoingSecureMessageModel), hp));
                        else if (fmt == "json") WriteStdout(ToJson(hp));
                        else throw new ArgumentException("helppage-seed: xml or json");
                        break;
                    case "types":
                        foreach (var t in ModelTypes()) Console.WriteLine(t.FullName);
                        break;
                    default: throw new ArgumentException("unknown command: " + args[0]);
                }
                return 0;
            }
            catch (Exception e)
            {
                while (e is TargetInvocationException && e.InnerException != null) e = e.InnerException;
                var msg = (e.GetType().FullName + ": " + e.Message).Replace("\r", " ").Replace("\n", " ");
                Console.Error.WriteLine(msg);
                return 1;
            }
        }

        // Apply one operation to every file of INDIR: OUTDIR/NAME.out holds the result, or
        // OUTDIR/NAME.err the one-line exception; one process for hundreds of payloads.
        static void Batch(string op, Type type, string inDir, string outDir)
        {
            Directory.CreateDirectory(outDir);
            foreach (var path in Directory.GetFiles(inDir).OrderBy(p => p, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                var input = File.ReadAllBytes(path);
                try
                {
                    byte[] output;
                    switch (op)
                    {
                        case "xml-to-json": output = ToJson(FromXml(type, input)); break;
                        case "json-to-xml": output = ToXml(type, FromJson(type, input)); break;
                        case "xml-roundtrip": output = ToXml(type, FromXml(type, input)); break;
                        case "json-roundtrip": output = ToJson(FromJson(type, input)); break;
                        default: throw new ArgumentException("batch: unknown operation " + op);
                    }
                    File.WriteAllBytes(Path.Combine(outDir, name + ".out"), output);
                }
                catch (ArgumentException) { throw; }
                catch (Exception e)
                {
                    while (e is TargetInvocationException && e.InnerException != null) e = e.InnerException;
                    var msg = (e.GetType().FullName + ": " + e.Message).Replace("\r", " ").Replace("\n", " ");
                    File.WriteAllText(Path.Combine(outDir, name + ".err"), msg, Utf8NoBom);
                }
            }
        }

        static string Arg(string[] args, int i)
        {
            if (args.Length <= i) throw new ArgumentException(args[0] + ": missing argument");
            return args[i];
        }

        static IEnumerable<Type> ModelTypes()
        {
            return typeof(Program).Assembly.GetTypes()
                .Where(t => t.IsPublic && t.Namespace != null &&
                            (t.Namespace.StartsWith("GlobalPortal.") || t.Namespace.StartsWith("Contoso.") ||
                             t.Namespace.StartsWith("Common.")))
                .OrderBy(t => t.FullName, StringComparer.Ordinal);
        }

        static Type FindType(string name)
        {
            var hits = ModelTypes().Where(t => t.Name == name || t.FullName == name).ToList();
            if (hits.Count != 1) throw new ArgumentException("unknown or ambiguous type: " + name);
            return hits[0];
        }

        static readonly Dictionary<string, Type> Primitives = new Dictionary<string, Type>
        {
            {"string", typeof(string)}, {"bool", typeof(bool)}, {"byte", typeof(byte)}, {"sbyte", typeof(sbyte)},
            {"short", typeof(short)}, {"ushort", typeof(ushort)}, {"int", typeof(int)}, {"uint", typeof(uint)},
            {"long", typeof(long)}, {"ulong", typeof(ulong)}, {"float", typeof(float)}, {"double", typeof(double)},
            {"decimal", typeof(decimal)}, {"char", typeof(char)}, {"Guid", typeof(Guid)}, {"DateTime", typeof(DateTime)},
            {"DateTimeOffset", typeof(DateTimeOffset)}, {"TimeSpan", typeof(TimeSpan)}, {"Uri", typeof(Uri)},
            {"object", typeof(object)},
        };

        // A C# type expression: NAME ['<' type (',' type)* '>'] ('?' | '[]')*.
        static Type ParseType(string text)
        {
            int i = 0;
            var type = ParseType(text, ref i);
            if (i != text.Length) throw new ArgumentException("cannot read type " + text);
            return type;
        }

        static Type ParseType(string text, ref int i)
        {
            while (i < text.Length && text[i] == ' ') i++;
            int start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '.')) i++;
            var name = text.Substring(start, i - start);
            var args = new List<Type>();
            if (i < text.Length && text[i] == '<')
            {
                i++;
                while (true)
                {
                    args.Add(ParseType(text, ref i));
                    while (i < text.Length && text[i] == ' ') i++;
                    if (i < text.Length && text[i] == ',') { i++; continue; }
                    if (i < text.Length && text[i] == '>') { i++; break; }
                    throw new ArgumentException("cannot read type " + text);
                }
            }
            Type type;
            if (args.Count == 0)
                type = Primitives.ContainsKey(name) ? Primitives[name] : FindType(name);
            else if (name == "List") type = typeof(List<>).MakeGenericType(args.ToArray());
            else if (name == "Dictionary") type = typeof(Dictionary<,>).MakeGenericType(args.ToArray());
            else
            {
                var open = ModelTypes().Where(t => t.Name == name + "`" + args.Count || t.FullName == name + "`" + args.Count).ToList();
                if (open.Count != 1) throw new ArgumentException("unknown generic type: " + name);
                type = open[0].MakeGenericType(args.ToArray());
            }
            while (i < text.Length && (text[i] == '?' || text[i] == '['))
            {
                if (text[i] == '?') { type = typeof(Nullable<>).MakeGenericType(type); i++; }
                else { type = type.MakeArrayType(); i += 2; }
            }
            return type;
        }

        // ---------------------------------------------------------------- I/O

        static byte[] ReadStdin()
        {
            using (var stdin = Console.OpenStandardInput())
            using (var ms = new MemoryStream())
            {
                stdin.CopyTo(ms);
                return ms.ToArray();
            }
        }

        static void WriteStdout(byte[] bytes)
        {
            using (var stdout = Console.OpenStandardOutput())
            {
                stdout.Write(bytes, 0, bytes.Length);
                stdout.Flush();
            }
        }

        // ---------------------------------------------------------------- XML (DataContractSerializer)

        // Web API's XmlMediaTypeFormatter: XmlWriterSettings { OmitXmlDeclaration = true, CloseOutput = false,
        // CheckCharacters = false } plus the request's encoding (UTF-8, no BOM). NewLineChars is pinned to
        // "\r\n" (the .NET Framework/Windows default, Environment.NewLine); Mono on Linux would otherwise
        // default to "\n". With the default NewLineHandling.Replace, CR, LF and CR LF in text all become it.
        static XmlWriterSettings WebApiWriterSettings()
        {
            return new XmlWriterSettings
            {
                OmitXmlDeclaration = true,
                Encoding = Utf8NoBom,
                CloseOutput = false,
                CheckCharacters = false,
                NewLineChars = "\r\n",
            };
        }

        public static byte[] ToXml(Type type, object value)
        {
            using (var ms = new MemoryStream())
            {
                using (var writer = XmlWriter.Create(ms, WebApiWriterSettings()))
                {
                    new DataContractSerializer(type).WriteObject(writer, value);
                }
                return ms.ToArray();
            }
        }

        // Web API's reader: XmlDictionaryReader.CreateTextReader(stream, encoding, quotas, null).
        public static object FromXml(Type type, byte[] bytes)
        {
            using (var ms = new MemoryStream(bytes))
            using (var reader = XmlDictionaryReader.CreateTextReader(ms, Utf8NoBom, XmlDictionaryReaderQuotas.Max, null))
            {
                return new DataContractSerializer(type).ReadObject(reader);
            }
        }

        // ---------------------------------------------------------------- JSON (Json.NET)

        // CONTRACTKIT_JSON="typeNames=auto;enums=camelCaseString;assembly=Contoso.Api;..." applies a spec's
        // json settings (issue 9b); unset, Web API's defaults with camel-cased names.
        static JsonSerializerSettings JsonSettings()
        {
            var settings = new JsonSerializerSettings { ContractResolver = new CamelCasePropertyNamesContractResolver() };
            var spec = Environment.GetEnvironmentVariable("CONTRACTKIT_JSON") ?? "";
            string assembly = null;
            foreach (var pair in spec.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split(new[] { '=' }, 2);
                var key = kv[0];
                var value = kv[1];
                switch (key)
                {
                    case "assembly": assembly = value; break;
                    case "typeNames":
                        settings.TypeNameHandling = value == "auto" ? TypeNameHandling.Auto
                            : value == "objects" ? TypeNameHandling.Objects : TypeNameHandling.None;
                        break;
                    case "enums":
                        if (value != "number")
                            settings.Converters.Add(new StringEnumConverter { CamelCaseText = value == "camelCaseString" });
                        break;
                    case "dateTimeZone":
                        settings.DateTimeZoneHandling = (DateTimeZoneHandling)Enum.Parse(typeof(DateTimeZoneHandling), value);
                        break;
                    case "dateFormat":
                        if (value == "microsoft") settings.DateFormatHandling = DateFormatHandling.MicrosoftDateFormat;
                        break;
                    case "defaults":
                        if (value == "ignore") settings.DefaultValueHandling = DefaultValueHandling.Ignore;
                        break;
                    case "escape":
                        settings.StringEscapeHandling = value == "html" ? StringEscapeHandling.EscapeHtml
                            : value == "nonAscii" ? StringEscapeHandling.EscapeNonAscii : StringEscapeHandling.Default;
                        break;
                    case "processDictionaryKeys":
                        if (value == "false") settings.ContractResolver = new CamelCaseKeepKeysResolver();
                        break;
                    default: throw new ArgumentException("CONTRACTKIT_JSON: unknown setting " + key);
                }
            }
            if (assembly != null) settings.Binder = new SpecAssemblyBinder(assembly);
            return settings;
        }

        // Json.NET 6.0.8 has no NamingStrategy.ProcessDictionaryKeys (9.0.1): camel-cased member names,
        // dictionary keys as they are.
        sealed class CamelCaseKeepKeysResolver : CamelCasePropertyNamesContractResolver
        {
            protected override JsonDictionaryContract CreateDictionaryContract(Type objectType)
            {
                var contract = base.CreateDictionaryContract(objectType);
                contract.PropertyNameResolver = name => name;
                return contract;
            }
        }

        // "$type" names this driver's model types in the spec's assembly (the models are compiled into
        // Interop.exe here, into the service's own assembly in production).
        sealed class SpecAssemblyBinder : System.Runtime.Serialization.SerializationBinder
        {
            readonly string assembly;
            readonly string own = typeof(Program).Assembly.GetName().Name;

            public SpecAssemblyBinder(string assembly) { this.assembly = assembly; }

            public override Type BindToType(string assemblyName, string typeName)
            {
                var asm = string.Equals(assemblyName, assembly, StringComparison.OrdinalIgnoreCase)
                    ? typeof(Program).Assembly : System.Reflection.Assembly.Load(assemblyName);
                var found = asm.GetType(typeName.Replace(", " + assembly + "]", ", " + own + "]"));
                if (found == null) throw new JsonSerializationException("no type " + typeName + " in " + assemblyName);
                return found;
            }

            public override void BindToName(Type serializedType, out string assemblyName, out string typeName)
            {
                var name = serializedType.Assembly == typeof(Program).Assembly ? assembly : serializedType.Assembly.GetName().Name;
                assemblyName = name;
                typeName = serializedType.FullName.Replace(", " + own + ", ", ", " + assembly + ", ");
            }
        }

        public static byte[] ToJson(object value)
        {
            return Utf8NoBom.GetBytes(JsonConvert.SerializeObject(value, JsonSettings()));
        }

        public static object FromJson(Type type, byte[] bytes)
        {
            var text = Utf8NoBom.GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            return JsonConvert.DeserializeObject(text, type, JsonSettings());
        }

        // ---------------------------------------------------------------- XSD

        static void ExportXsd(string outDir, Type[] rootTypes)
        {
            var exporter = new XsdDataContractExporter();
            foreach (var t in rootTypes)
            {
                if (!exporter.CanExport(t)) throw new InvalidOperationException("cannot export " + t.FullName);
                exporter.Export(t);
            }
            var set = exporter.Schemas;
            if (!set.IsCompiled) set.Compile();
            Directory.CreateDirectory(outDir);
            var seen = new HashSet<string>();
            foreach (XmlSchema schema in set.Schemas())
            {
                // Mono's exporter leaves its built-in stub for the XSD namespace itself in the set
                // (<schema targetNamespace="http://www.w3.org/2001/XMLSchema"><element name="schema">...).
                // It describes no contract and would clash with real XSD processors: not written.
                if (schema.TargetNamespace == XmlSchema.Namespace)
                {
                    Console.Error.WriteLine("skipped exporter stub schema for " + XmlSchema.Namespace);
                    continue;
                }
                var file = SchemaFileName(schema.TargetNamespace);
                if (!seen.Add(file)) throw new InvalidOperationException("two schemas map to " + file);
                var settings = new XmlWriterSettings
                {
                    Encoding = Utf8NoBom,
                    Indent = true,
                    IndentChars = "  ",
                    NewLineChars = "\n",
                };
                using (var fs = File.Create(Path.Combine(outDir, file)))
                using (var w = XmlWriter.Create(fs, settings))
                {
                    schema.Write(w);
                }
                File.AppendAllText(Path.Combine(outDir, file), "\n");
                Console.WriteLine(file + "\t" + schema.TargetNamespace);
            }
        }

        static string SchemaFileName(string tns)
        {
            const string dc = "http://schemas.datacontract.org/2004/07/";
            const string ser = "http://schemas.microsoft.com/2003/10/Serialization/";
            string name;
            if (string.IsNullOrEmpty(tns)) name = "no-namespace";
            else if (tns.StartsWith(dc)) name = tns.Substring(dc.Length);
            else if (tns.StartsWith(ser)) name = ("Serialization/" + tns.Substring(ser.Length)).TrimEnd('/').Replace('/', '.');
            else
            {
                var u = new Uri(tns);
                name = (u.Host + u.AbsolutePath).TrimEnd('/').Replace('/', '.');
            }
            return name + ".xsd";
        }

        // ---------------------------------------------------------------- samples

        static void Samples(string outDir, string seedDir)
        {
            Directory.CreateDirectory(outDir);
            Directory.CreateDirectory(seedDir);
            Write(outDir, "everything-full", typeof(Everything), EverythingFull());
            Write(outDir, "everything-alt", typeof(Everything), EverythingAlt());
            Write(outDir, "everything-nulls", typeof(Everything), EverythingNulls());
            Write(outDir, "everything-empty", typeof(Everything), EverythingEmpty());
            Write(outDir, "thing-min", typeof(Thing), new Thing { Code = "C-1" });
            Write(outDir, "address", typeof(Address), new Address { Street = "1 Main St", City = "Springfield", Zip = 12345 });
            Write(seedDir, "request", typeof(OutgoingSecureMessageModel), Seed("Draft", "High"));
        }

        // Issue 9b's constructs in fixtures/real-contracts/ (default Json.NET settings, as the spec's).
        static void Samples9b(string outDir)
        {
            Directory.CreateDirectory(outDir);
            Write(outDir, "drawing-derived", typeof(Contoso.Shapes.Drawing), DrawingSample());
            Write(outDir, "drawing-empty", typeof(Contoso.Shapes.Drawing), new Contoso.Shapes.Drawing());
            Write(outDir, "shape-circle", typeof(Contoso.Shapes.Shape), new Contoso.Shapes.Round.Circle { Name = "c", Radius = 0.5 });
            Write(outDir, "knobs", typeof(Contoso.Knobs.Settings), SettingsSample());
        }

        public static Contoso.Shapes.Drawing DrawingSample()
        {
            return new Contoso.Shapes.Drawing
            {
                Main = new Contoso.Shapes.Round.Circle { Name = "sun", Radius = 2.5 },
                Shapes = new List<Contoso.Shapes.Shape>
                {
                    new Contoso.Shapes.Square { Name = "box", Side = 1 },
                    new Contoso.Shapes.Shape { Name = "plain" },
                    null,
                },
                Origin = new Contoso.Geo.Point { X = 1, Y = -2 },
                Offset = new Contoso.Geo.Point { X = 3, Y = 4 },
                Pin = new Contoso.Geo.Pin { Label = "here" },
            };
        }

        public static Contoso.Knobs.Settings SettingsSample()
        {
            return new Contoso.Knobs.Settings
            {
                Tone = Contoso.Knobs.Tone.First,
                MaybeTone = Contoso.Knobs.Tone.SecondValue,
                When = new DateTime(2009, 2, 13, 23, 31, 30, DateTimeKind.Utc),
                At = new DateTimeOffset(2009, 2, 14, 0, 31, 30, new TimeSpan(1, 0, 0)),
                Text = "<b>Grüße & 'quotes'</b>",
                Count = 0,
                Ratio = 0.5,
                Counts = new Dictionary<string, int> { { "FirstKey", 1 } },
                Where = new Contoso.Geo.Point(),
            };
        }

        // schemas/real-contracts.yaml: a full Holder, an empty one, and each body that is not a class.
        static void RealSamples(string outDir)
        {
            Directory.CreateDirectory(outDir);
            Write(outDir, "holder-full", typeof(Holder), HolderFull());
            Write(outDir, "holder-empty", typeof(Holder), new Holder());
            Write(outDir, "products", typeof(List<ProductModel>), new List<ProductModel> { Product(1), null, Product(2) });
            Write(outDir, "ids", typeof(int[]), new[] { 1, int.MaxValue, -3 });
            Write(outDir, "settings", typeof(Dictionary<string, string>),
                  new Dictionary<string, string> { { "Theme", "dark" }, { "Empty", null } });
            Write(outDir, "size", typeof(Size), Size.Large);
            Write(outDir, "value", typeof(int), 5);
            Write(outDir, "anything", typeof(object), 42);
            Write(outDir, "shop", typeof(ProductList), new ProductList { Product(3) });
            Write(outDir, "prices", typeof(PriceBook), new PriceBook { { "SKU-1", 9.99m }, { "SKU-2", 0m } });
            Write(outDir, "order-response", typeof(ApiResponse<Common.Dto.Get.Order>), new ApiResponse<Common.Dto.Get.Order>
            {
                Data = new Common.Dto.Get.Order { Id = 7, Total = 12.5m },
                Items = new List<Common.Dto.Get.Order> { new Common.Dto.Get.Order { Id = 8, Total = 1m } },
                Success = true,
            });
            Write(outDir, "plain", typeof(PlainModel), new PlainModel { Name = "plain <xml>", Count = 2, Tags = new List<string> { "a", "b" } });
            Write(outDir, "post-order", typeof(Common.Dto.Post.Order), new Common.Dto.Post.Order { Id = 1, Note = "rush" });
        }

        static ProductModel Product(int id)
        {
            return new ProductModel { Id = id, Name = "Product " + id, Price = id + 0.5m };
        }

        public static Holder HolderFull()
        {
            return new Holder
            {
                Anything = 5,
                Things = new List<object> { "text", 1, null, 2.5, true, new Guid("7c9e6679-7425-40de-944b-e07fc1f90ae7"), 3L },
                Reply = new ApiResponse<Common.Dto.Get.Order>
                {
                    Data = new Common.Dto.Get.Order { Id = 1, Total = 10.25m },
                    Items = new List<Common.Dto.Get.Order> { new Common.Dto.Get.Order { Id = 2, Total = 0m }, null },
                    Success = true,
                },
                Counts = new ApiResponse<int> { Data = 3, Items = new List<int> { 1, 2 }, Success = false },
                Wrapped = new Envelope<ProductModel> { Body = Product(4) },
                Pair = new Pair<string, Size> { Key = "k", Value = Size.Medium },
                Products = new ProductList { Product(5), null },
                Prices = new PriceBook { { "A", 1.5m } },
                Plain = new PlainModel { Name = "n", Count = 1, Tags = new List<string> { "t" } },
                Odd = new OddName { Größe = 180, FirstName = "Zoë", Code = "X-1" },
                Posted = new Common.Dto.Post.Order { Id = 9, Note = null },
            };
        }

        static void Write(string dir, string name, Type type, object value)
        {
            File.WriteAllBytes(Path.Combine(dir, name + ".xml"), ToXml(type, value));
            File.WriteAllBytes(Path.Combine(dir, name + ".json"), ToJson(value));
            Console.WriteLine(Path.Combine(dir, name) + ".{xml,json}");
        }

        static DateTime Utc(int y, int mo, int d, int h, int mi, int s, long extraTicks)
        {
            return new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc).AddTicks(extraTicks);
        }

        static Address SampleAddress()
        {
            return new Address { Street = "1 Main St\r\nApt 2", City = "Zürich", Zip = 8001 };
        }

        public static Everything EverythingFull()
        {
            return new Everything
            {
                Id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
                ExternalId = "EXT-001",
                Text = "Grüße, 日本語 😀 <&> \"quoted\" 'apos' ]]>",
                Flag = true,
                Byte = 255,
                SByte = -128,
                Short = short.MinValue,
                UShort = ushort.MaxValue,
                Int = int.MinValue,
                UInt = uint.MaxValue,
                Long = long.MinValue,
                ULong = ulong.MaxValue,
                Float = 3.4028235E+38f,
                Double = 0.1 + 0.2,
                Decimal = 1.10m,
                Char = '<',
                Guid = new Guid("7c9e6679-7425-40de-944b-e07fc1f90ae7"),
                When = Utc(2026, 5, 29, 16, 57, 0, 3151696),
                WhenOffset = new DateTimeOffset(2026, 5, 29, 22, 27, 0, 123, new TimeSpan(5, 30, 0)),
                Duration = new TimeSpan(1, 2, 3, 4, 500),
                Link = new Uri("http://example.com/a b?x=1"),
                Blob = new byte[] { 0, 1, 255 },

                MaybeInt = 42,
                MaybeWhen = Utc(2000, 1, 1, 0, 0, 0, 0),
                MaybeGuid = new Guid("a8098c1a-f86e-11da-bd1a-00112444be1e"),
                MaybeColor = Color.Blue,
                MaybeOffset = new DateTimeOffset(2026, 1, 2, 3, 4, 5, new TimeSpan(-8, 0, 0)),
                MaybeDuration = TimeSpan.FromDays(400),

                Strings = new List<string> { "x <y> & z", null },
                Ints = new[] { int.MaxValue, -1 },
                MaybeInts = new List<int?> { 7, null },
                Addresses = new List<Address> { SampleAddress(), null },
                Colors = new List<Color> { Color.Green, Color.Blue },
                Nested = new List<List<string>> { new List<string> { "a", "b" }, null },
                Offsets = new List<DateTimeOffset>
                {
                    new DateTimeOffset(2026, 5, 29, 22, 27, 0, new TimeSpan(5, 30, 0)),
                    new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero),
                },
                Guids = new List<Guid> { new Guid("00000000-0000-0000-0000-000000000001"), new Guid("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF") },
                ByteList = new List<byte> { 0, 255 },

                Map = new Dictionary<string, string> { { "FirstKey", "first value" }, { "URLKey", null } },
                Counts = new Dictionary<string, int> { { "Alpha", 1 }, { "beta two", -2 } },
                AddressBook = new Dictionary<string, Address> { { "Home", SampleAddress() }, { "Work", null } },
                ByNumber = new Dictionary<int, string> { { 1, "one" }, { -2, "minus two" } },

                Color = Color.Green,
                Level = Level.Mid,
                Perms = Perms.Read | Perms.Write,
                Thing = new Thing { Code = "C-1", Count = 3, Zed = "zed", Alpha = "alpha", Note = "note" },
                Home = SampleAddress(),

                URLValue = "https://example.com/?q=1&r=2",
                X509Thumbprint = "3B1EFD3A66EA28B16697394703A72CA340A05BD5",
                Is2FAEnabled = true,
            };
        }

        // The second value of each pair the brief asks for (a member holds only one value per instance).
        public static Everything EverythingAlt()
        {
            var e = EverythingFull();
            e.Text = "tab\tnul-free control \u0001 and \u00A0nbsp";
            e.Byte = 0;
            e.SByte = 127;
            e.Short = short.MaxValue;
            e.UShort = 0;
            e.Int = int.MaxValue;
            e.UInt = 0;
            e.Long = long.MaxValue;
            e.ULong = 0;
            e.Float = 1.0f / 3.0f;
            e.Double = 1E+21;
            e.Decimal = 79228162514264337593543950335m;
            e.Char = 'é';
            e.When = new DateTime(2026, 5, 29, 16, 57, 0, DateTimeKind.Utc);
            e.WhenOffset = new DateTimeOffset(2026, 5, 29, 16, 57, 0, TimeSpan.Zero);
            e.Duration = new TimeSpan(0, 0, 0, 0, 1);
            e.Link = new Uri("https://EXAMPLE.com:443/%7Euser/../x?q=%41#frag");
            e.Blob = new byte[] { 251, 255, 191 };
            e.MaybeInt = 0;
            e.MaybeColor = Color.Red;
            e.MaybeDuration = TimeSpan.Zero;
            e.Colors = new List<Color>();
            e.Level = Level.High;
            e.Perms = Perms.Read | Perms.Write | Perms.Exec;
            e.Color = Color.Red;
            e.Thing = new Thing { Code = "", Count = -1, Zed = null, Alpha = "", Note = "" };
            e.Is2FAEnabled = false;
            return e;
        }

        // Every reference and nullable member null, value types default, except Level: 0 is not a
        // member of Level and DataContractSerializer refuses to write it (see README), so Level = Low.
        public static Everything EverythingNulls()
        {
            return new Everything { Level = Level.Low };
        }

        public static Everything EverythingEmpty()
        {
            return new Everything
            {
                Id = Guid.Empty,
                ExternalId = "",
                Text = "",
                Float = float.NegativeInfinity,
                Double = double.NaN,
                Decimal = 0m,
                When = new DateTime(2026, 5, 29, 16, 57, 0, 100, DateTimeKind.Unspecified),
                WhenOffset = new DateTimeOffset(2026, 5, 29, 16, 57, 0, new TimeSpan(-2, -30, 0)),
                Duration = new TimeSpan(-1, -2, -3, -4, -500),
                Link = new Uri("", UriKind.Relative),
                Blob = new byte[0],
                MaybeInt = 0,
                MaybeWhen = new DateTime(2026, 5, 29, 16, 57, 0, DateTimeKind.Local),
                MaybeGuid = Guid.Empty,
                MaybeColor = Color.Red,
                MaybeOffset = new DateTimeOffset(2026, 5, 29, 16, 57, 0, TimeSpan.Zero),
                MaybeDuration = TimeSpan.Zero,
                Strings = new List<string>(),
                Ints = new int[0],
                MaybeInts = new List<int?>(),
                Addresses = new List<Address>(),
                Colors = new List<Color>(),
                Nested = new List<List<string>> { new List<string>() },
                Offsets = new List<DateTimeOffset>(),
                Guids = new List<Guid>(),
                ByteList = new List<byte>(),
                Map = new Dictionary<string, string> { { "", "" } },
                Counts = new Dictionary<string, int>(),
                AddressBook = new Dictionary<string, Address>(),
                ByNumber = new Dictionary<int, string>(),
                Level = Level.Low,
                Perms = Perms.None,
                Thing = new Thing { Code = "", Note = "" },
                Home = new Address(),
                URLValue = "",
                X509Thumbprint = "",
            };
        }

        // The help page's sample values (sample string N numbering, QEA= bytes, its dates and guid).
        // The help page's dates are DateTime.Now on a UTC server: Kind Local, printed +00:00 under TZ=UTC.
        public static OutgoingSecureMessageModel Seed(string status, string priority)
        {
            var creation = new DateTime(new DateTime(2026, 5, 29, 16, 57, 0).AddTicks(3151696).Ticks, DateTimeKind.Local);
            var sent = new DateTime(new DateTime(2026, 5, 29, 16, 57, 0).AddTicks(3152364).Ticks, DateTimeKind.Local);
            Func<PatientRecipientModel> patient = () => new PatientRecipientModel
            {
                ExternalId = "sample string 1",
                IsRepresentative = true,
                RepresentativeExternalId = "sample string 3",
            };
            Func<FileAttachmentModel> file = () => new FileAttachmentModel
            {
                FileName = "sample string 1",
                FileData = new byte[] { 64, 64 },
            };
            return new OutgoingSecureMessageModel
            {
                FromSecureRecipientExternalId = "sample string 1",
                FromSecureRecipientName = "sample string 2",
                Patients = new List<PatientRecipientModel> { patient(), patient() },
                Subject = "sample string 3",
                Body = "sample string 4",
                Status = status,
                Priority = priority,
                CreationDate = creation,
                SentDate = sent,
                FileData = new List<FileAttachmentModel> { file(), file() },
                Id = new Guid("d13d3b4b-c197-4c8b-9d68-f4c1a23e99b1"),
                ExternalId = "sample string 9",
            };
        }
    }
}
