// Models of webapi.yaml: every class of form difference the real binder was seen to make, in one type.
using System;
using System.Collections.Generic;

namespace Contoso.WebApi
{
    public class Probe
    {
        public string Name { get; set; }
        public string Building;
        public byte[] Data { get; set; }
        public DateTime When { get; set; }
        public List<string> Strings { get; set; }
        public Uri Link { get; set; }
        public char Letter { get; set; }
        public float Ratio { get; set; }
        public string ID { get; set; }
        public string IsHTTPS { get; set; }
        public int? Zip { get; set; }
    }
}

namespace ContractKit.Reference
{
    using System.Web.Http;
    using Contoso.WebApi;

    /// Planted fault: the echo forgets a member.
    public class DropsMemberController : ApiController
    {
        public Probe Post(Probe value) { if (value != null) value.Name = null; return value; }
    }

    /// Planted fault: an edge value (a negative Zip) makes the action throw, so Web API answers 500.
    public class FailsOnEdgeController : ApiController
    {
        public Probe Post(Probe value)
        {
            if (value != null && value.Zip < 0) throw new InvalidOperationException("negative zip");
            return value;
        }
    }
}
