// The differential fuzzer's .NET side: compiled once with the models `contractkit generate --csharp`
// writes (converter/fuzz/dotnet.py caches it under the contractkit cache folder), then run as one
// long-lived process that reads framed requests on stdin and answers each on stdout:
//
//   request:  OP \t CLR-TYPE-NAME \t LENGTH \n  then LENGTH bytes (UTF-8, no BOM)
//   answer:   ok|err \t LENGTH \n  then LENGTH bytes (the output, or the exception's one line)
//
// OP: xml-rt (DCS reads, DCS writes), json-rt (Json.NET reads, Json.NET writes), xml-json
// (DCS reads, Json.NET writes), json-xml (Json.NET reads, DCS writes).
// Arguments: NAMING (camelCase|none) ENUMS (number|name|camelCaseString) NULLS (include|ignore).
// The serializers are set up as ASP.NET Web API sets them up (tests/interop/README.md). Json.NET
// is Debian's 6.0.8; its camel-casing is replaced by 11.0.1's (what json.naming: camelCase follows).

using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using System.Xml;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace ContractKit.Fuzz
{
    public class NamingResolver : DefaultContractResolver
    {
        readonly bool camel;

        public NamingResolver(bool camel) { this.camel = camel; }

        protected override string ResolvePropertyName(string name) { return camel ? CamelCase(name) : name; }

        // Json.NET 11.0.1 StringUtils.ToCamelCase.
        public static string CamelCase(string s)
        {
            if (string.IsNullOrEmpty(s) || !char.IsUpper(s[0])) return s;
            char[] chars = s.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (i == 1 && !char.IsUpper(chars[i])) break;
                bool hasNext = i + 1 < chars.Length;
                if (i > 0 && hasNext && !char.IsUpper(chars[i + 1]))
                {
                    if (char.IsSeparator(chars[i + 1])) chars[i] = char.ToLowerInvariant(chars[i]);
                    break;
                }
                chars[i] = char.ToLowerInvariant(chars[i]);
            }
            return new string(chars);
        }
    }

    public static class Driver
    {
        static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);
        static readonly Dictionary<string, Type> Types = new Dictionary<string, Type>();
        static readonly Dictionary<Type, DataContractSerializer> Serializers = new Dictionary<Type, DataContractSerializer>();
        static JsonSerializerSettings json;

        public static int Main(string[] args)
        {
            json = new JsonSerializerSettings { ContractResolver = new NamingResolver(args[0] == "camelCase") };
            if (args[1] != "number") json.Converters.Add(new StringEnumConverter { CamelCaseText = args[1] == "camelCaseString" });
            if (args[2] == "ignore") json.NullValueHandling = NullValueHandling.Ignore;
            foreach (var t in typeof(Driver).Assembly.GetTypes()) if (t.FullName != null) Types[t.FullName] = t;
            var input = new BufferedStream(Console.OpenStandardInput(), 1 << 16);
            var output = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
            string header;
            while ((header = ReadLine(input)) != null)
            {
                var parts = header.Split('\t');
                var body = ReadExactly(input, int.Parse(parts[2]));
                string status = "ok";
                byte[] answer;
                try { answer = Run(parts[0], TypeOf(parts[1]), body); }
                catch (Exception e)
                {
                    while (e is TargetInvocationException && e.InnerException != null) e = e.InnerException;
                    status = "err";
                    answer = Utf8.GetBytes((e.GetType().FullName + ": " + e.Message).Replace("\r", " ").Replace("\n", " "));
                }
                var head = Utf8.GetBytes(status + "\t" + answer.Length + "\n");
                output.Write(head, 0, head.Length);
                output.Write(answer, 0, answer.Length);
                output.Flush();
            }
            output.Flush();
            return 0;
        }

        // A model by its FullName; a closed generic (ApiResponse`1[[Common.Dto.Get.Order]]) through
        // Type.GetType, which finds unqualified arguments here and in mscorlib.
        static Type TypeOf(string name)
        {
            Type type;
            return Types.TryGetValue(name, out type) ? type : Type.GetType(name, true);
        }

        static byte[] Run(string op, Type type, byte[] body)
        {
            switch (op)
            {
                case "xml-rt": return ToXml(type, FromXml(type, body));
                case "json-rt": return ToJson(FromJson(type, body));
                case "xml-json": return ToJson(FromXml(type, body));
                case "json-xml": return ToXml(type, FromJson(type, body));
                default: throw new ArgumentException("unknown operation " + op);
            }
        }

        static string ReadLine(Stream s)
        {
            var bytes = new List<byte>();
            int b;
            while ((b = s.ReadByte()) != -1 && b != '\n') bytes.Add((byte)b);
            return b == -1 && bytes.Count == 0 ? null : Utf8.GetString(bytes.ToArray());
        }

        static byte[] ReadExactly(Stream s, int n)
        {
            var buffer = new byte[n];
            int read = 0;
            while (read < n)
            {
                int got = s.Read(buffer, read, n - read);
                if (got <= 0) throw new EndOfStreamException();
                read += got;
            }
            return buffer;
        }

        static DataContractSerializer Dcs(Type type)
        {
            DataContractSerializer found;
            if (!Serializers.TryGetValue(type, out found)) Serializers[type] = found = new DataContractSerializer(type);
            return found;
        }

        static byte[] ToXml(Type type, object value)
        {
            using (var ms = new MemoryStream())
            {
                var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = Utf8, CloseOutput = false,
                                                       CheckCharacters = false, NewLineChars = "\r\n" };
                using (var writer = XmlWriter.Create(ms, settings)) Dcs(type).WriteObject(writer, value);
                return ms.ToArray();
            }
        }

        static object FromXml(Type type, byte[] bytes)
        {
            using (var ms = new MemoryStream(bytes))
            using (var reader = XmlDictionaryReader.CreateTextReader(ms, Utf8, XmlDictionaryReaderQuotas.Max, null))
                return Dcs(type).ReadObject(reader);
        }

        static byte[] ToJson(object value) { return Utf8.GetBytes(JsonConvert.SerializeObject(value, json)); }

        static object FromJson(Type type, byte[] bytes)
        {
            return JsonConvert.DeserializeObject(Utf8.GetString(bytes), type, json);
        }
    }
}
