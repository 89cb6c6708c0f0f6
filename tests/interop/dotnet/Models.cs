// Model types for the .NET interop suite (compiled with Mono's mcs, see ../build.sh).
//
// Two sets:
//  * the seed models, reconstructed from /work/shared/seed/OutgoingSecureMessages.helppage.txt;
//  * the "Everything" models, which exercise every member shape the converter must handle.
//
// Nullability choice for the seed: the help page numbers its "sample string N" values with a
// per-object counter that skips Nullable<T> members; ExternalId is "sample string 9", so exactly one
// of CreationDate, SentDate, Id is nullable. SentDate is DateTime? (unset on drafts), Id is Guid.
// The live XML/JSON bytes are the same either way when a value is present; only the XSD differs
// (nillable="true" on SentDate, not on Id).

using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

namespace GlobalPortal.Api.Models
{
    public class BaseModel
    {
        public Guid Id { get; set; }
        public string ExternalId { get; set; }
    }
}

namespace GlobalPortal.Api.Models.OutgoingSecureMessages
{
    using GlobalPortal.Api.Models;

    public class OutgoingSecureMessageModel : BaseModel
    {
        public string FromSecureRecipientExternalId { get; set; }
        public string FromSecureRecipientName { get; set; }
        public List<PatientRecipientModel> Patients { get; set; }
        public string Subject { get; set; }
        public string Body { get; set; }
        public string Status { get; set; }
        public string Priority { get; set; }
        public DateTime CreationDate { get; set; }
        public DateTime? SentDate { get; set; }
        public List<FileAttachmentModel> FileData { get; set; }
    }

    public class PatientRecipientModel
    {
        public string ExternalId { get; set; }
        public bool IsRepresentative { get; set; }
        public string RepresentativeExternalId { get; set; }
    }

    public class FileAttachmentModel
    {
        public string FileName { get; set; }
        public byte[] FileData { get; set; }
    }
}

namespace Contoso.Base
{
    public class EntityBase
    {
        public Guid Id { get; set; }
        public string ExternalId { get; set; }
    }
}

namespace Contoso.Shared
{
    public class Address
    {
        public string Street { get; set; }
        public string City { get; set; }
        public int? Zip { get; set; }
    }

    public enum Color { Red, Green, Blue }

    [DataContract]
    public enum Level
    {
        [EnumMember] Low = 1,
        [EnumMember(Value = "mid")] Mid = 5,
        [EnumMember] High = 10
    }

    [Flags]
    public enum Perms { None = 0, Read = 1, Write = 2, Exec = 4 }
}

namespace Contoso.Everything
{
    using Contoso.Shared;

    [DataContract(Name = "Item", Namespace = "http://contoso.example/items")]
    public class Thing
    {
        [DataMember(Name = "code", Order = 1, IsRequired = true)] public string Code { get; set; }
        [DataMember(EmitDefaultValue = false)] public int Count { get; set; }
        [DataMember(Order = 0)] public string Zed { get; set; }
        [DataMember] public string Alpha { get; set; }
        [DataMember(EmitDefaultValue = false)] public string Note { get; set; }
    }

    public class Everything : Contoso.Base.EntityBase
    {
        public string Text { get; set; }
        public bool Flag { get; set; }
        public byte Byte { get; set; }
        public sbyte SByte { get; set; }
        public short Short { get; set; }
        public ushort UShort { get; set; }
        public int Int { get; set; }
        public uint UInt { get; set; }
        public long Long { get; set; }
        public ulong ULong { get; set; }
        public float Float { get; set; }
        public double Double { get; set; }
        public decimal Decimal { get; set; }
        public char Char { get; set; }
        public Guid Guid { get; set; }
        public DateTime When { get; set; }
        public DateTimeOffset WhenOffset { get; set; }
        public TimeSpan Duration { get; set; }
        public Uri Link { get; set; }
        public byte[] Blob { get; set; }

        public int? MaybeInt { get; set; }
        public DateTime? MaybeWhen { get; set; }
        public Guid? MaybeGuid { get; set; }
        public Color? MaybeColor { get; set; }
        public DateTimeOffset? MaybeOffset { get; set; }
        public TimeSpan? MaybeDuration { get; set; }

        public List<string> Strings { get; set; }
        public int[] Ints { get; set; }
        public List<int?> MaybeInts { get; set; }
        public List<Address> Addresses { get; set; }
        public List<Color> Colors { get; set; }
        public List<List<string>> Nested { get; set; }
        public List<DateTimeOffset> Offsets { get; set; }
        public List<Guid> Guids { get; set; }
        public List<byte> ByteList { get; set; }

        public Dictionary<string, string> Map { get; set; }
        public Dictionary<string, int> Counts { get; set; }
        public Dictionary<string, Address> AddressBook { get; set; }
        public Dictionary<int, string> ByNumber { get; set; }

        public Color Color { get; set; }
        public Level Level { get; set; }
        public Perms Perms { get; set; }
        public Thing Thing { get; set; }
        public Address Home { get; set; }

        public string URLValue { get; set; }
        public string X509Thumbprint { get; set; }
        public bool Is2FAEnabled { get; set; }
    }
}

// ---------------------------------------------------------------- real contracts (schemas/real-contracts.yaml)
// Issue 9a's constructs: the empty namespace, [CollectionDataContract], System.Object, generic
// contracts, two classes with one simple name, contract names that are no C# identifier. Bodies
// that are not a class (List<ProductModel>, int[], ...) need no model of their own.

namespace Contoso.Shop
{
    public class ProductModel
    {
        public int Id { get; set; }
        public string Name { get; set; }
        public decimal Price { get; set; }
    }

    public enum Size { Small, Medium, Large }

    [CollectionDataContract(Name = "Products", Namespace = "http://contoso/shop", ItemName = "Item")]
    public class ProductList : List<ProductModel> { }

    [CollectionDataContract(ItemName = "Entry", KeyName = "Sku", ValueName = "Price")]
    public class PriceBook : Dictionary<string, decimal> { }
}

namespace Common.Dto.Post
{
    public class Order
    {
        public int Id { get; set; }
        public string Note { get; set; }
    }
}

namespace Common.Dto.Get
{
    public class Order
    {
        public int Id { get; set; }
        public decimal Total { get; set; }
    }
}

namespace Contoso.Plain
{
    [DataContract(Namespace = "")]
    public class PlainModel
    {
        [DataMember] public string Name { get; set; }
        [DataMember] public int Count { get; set; }
        [DataMember] public List<string> Tags { get; set; }
    }
}

namespace Contoso.Odd
{
    [DataContract(Name = "DCWith.InName")]
    public class OddName
    {
        [DataMember] public int Größe { get; set; }
        [DataMember(Name = "first name")] public string FirstName { get; set; }
        [DataMember(Name = "x-code")] public string Code { get; set; }
    }
}

namespace Contoso.Api
{
    public class ApiResponse<T>
    {
        public T Data { get; set; }
        public List<T> Items { get; set; }
        public bool Success { get; set; }
    }

    [DataContract(Name = "Envelope{0}")]
    public class Envelope<T>
    {
        [DataMember] public T Body { get; set; }
    }

    [DataContract(Name = "PairOf{1}And{0}{#}")]
    public class Pair<TKey, TValue>
    {
        [DataMember] public TKey Key { get; set; }
        [DataMember] public TValue Value { get; set; }
    }

    public class Holder
    {
        public object Anything { get; set; }
        public List<object> Things { get; set; }
        public ApiResponse<Common.Dto.Get.Order> Reply { get; set; }
        public ApiResponse<int> Counts { get; set; }
        public Envelope<Contoso.Shop.ProductModel> Wrapped { get; set; }
        public Pair<string, Contoso.Shop.Size> Pair { get; set; }
        public Contoso.Shop.ProductList Products { get; set; }
        public Contoso.Shop.PriceBook Prices { get; set; }
        public Contoso.Plain.PlainModel Plain { get; set; }
        public Contoso.Odd.OddName Odd { get; set; }
        public Common.Dto.Post.Order Posted { get; set; }
    }
}

// ---------------------------------------------------------------- issue 9b: polymorphism, structs, Json.NET settings

namespace Contoso.Shapes
{
    // [KnownType] on the base: DCS writes i:type="d2p1:Circle" for a Circle where a Shape is declared.
    [KnownType(typeof(Contoso.Shapes.Round.Circle))]
    [KnownType(typeof(Square))]
    public class Shape
    {
        public string Name { get; set; }
    }

    public class Square : Shape
    {
        public double Side { get; set; }
    }

    public class Drawing
    {
        public Shape Main { get; set; }
        public List<Shape> Shapes { get; set; }
        public Contoso.Geo.Point Origin { get; set; }
        public Contoso.Geo.Point? Offset { get; set; }
        public Contoso.Geo.Pin Pin { get; set; }
    }
}

namespace Contoso.Shapes.Round
{
    public class Circle : Contoso.Shapes.Shape
    {
        public double Radius { get; set; }
    }
}

namespace Contoso.Geo
{
    public struct Point
    {
        public int X { get; set; }
        public int Y { get; set; }
    }

    [DataContract]
    public class Pin
    {
        [DataMember(EmitDefaultValue = false)] public Point At { get; set; }
        [DataMember] public string Label { get; set; }
    }
}

namespace Contoso.Knobs
{
    [DataContract]
    public enum Tone
    {
        [EnumMember(Value = "first_value")] First = 0,
        [EnumMember] SecondValue = 1,
        [EnumMember] Third = 5
    }

    // Every member a Json.NET setting changes: enums, dates, text escaping, defaults, dictionary keys.
    public class Settings
    {
        public Tone Tone { get; set; }
        public Tone? MaybeTone { get; set; }
        public DateTime When { get; set; }
        public DateTimeOffset At { get; set; }
        public string Text { get; set; }
        public int Count { get; set; }
        public double Ratio { get; set; }
        public Dictionary<string, int> Counts { get; set; }
        public Contoso.Geo.Point Where { get; set; }
    }
}
