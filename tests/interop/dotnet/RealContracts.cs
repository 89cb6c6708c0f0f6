// Hand-written models of schemas/real-contracts.yaml (compiled by build.sh beside the generated models of
// the other two specs): generate --csharp does not yet write generics, collection contracts, object,
// structs and known types.

using System;
using System.Collections.Generic;
using System.Runtime.Serialization;

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
