// The reference service: ASP.NET Web API (Mono's build) self-hosted on 127.0.0.1, with an echo
// controller per operation of each bundled spec (Controllers.cs, written by ../webapi.py at test time)
// and the planted faults probe must find. Compiled against Mono's System.Net.Http.Formatting, whose
// embedded Json.NET is the one the formatters run (Debian's Json.NET is not referenced).
//
//   mono Host.exe PORT LIFETIME_SECONDS
//
// Prints "listening http://127.0.0.1:PORT/" once the server is open, then serves until stdin closes or the
// lifetime ends, whichever comes first (the test fixture closes stdin; a killed test run still ends it).

using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Web.Http;
using System.Web.Http.Controllers;
using System.Web.Http.Filters;
using System.Web.Http.SelfHost;
using Newtonsoft.Json;
using Newtonsoft.Json.Serialization;

namespace ContractKit.Reference
{
    /// A body the formatter or the binder could not read is a 400, as a validating service answers.
    public sealed class RejectInvalidModel : ActionFilterAttribute
    {
        public override void OnActionExecuting(HttpActionContext context)
        {
            if (!context.ModelState.IsValid)
            {
                // Mono's Web API predates CreateErrorResponse: the errors as plain text lines.
                var text = new StringBuilder();
                foreach (var entry in context.ModelState)
                    foreach (var error in entry.Value.Errors)
                        text.Append(entry.Key).Append(": ")
                            .Append(error.Exception != null ? error.Exception.Message : error.ErrorMessage).Append('\n');
                context.Response = new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent(text.ToString()) };
            }
        }
    }

    public static class Host
    {
        public static void Main(string[] args)
        {
            var port = int.Parse(args[0]);
            var lifetime = TimeSpan.FromSeconds(int.Parse(args[1]));
            var server = Open(port);
            Console.WriteLine("listening http://127.0.0.1:" + port + "/");
            Console.Out.Flush();
            var closed = new Thread(() => { try { Console.In.ReadToEnd(); } catch (Exception) { } });
            closed.IsBackground = true;
            closed.Start();
            closed.Join(lifetime);
            server.CloseAsync().Wait();
            server.Dispose();
        }

        /// Mono's HttpSelfHostServer.OpenAsync now and then fails with a NullReferenceException in
        /// BeginAcceptChannel (a race in its WCF listener, more often on a loaded machine). The half-open
        /// server may still accept connections it never answers, so the process exits and the caller
        /// starts a fresh one on another port.
        static HttpSelfHostServer Open(int port)
        {
            var server = new HttpSelfHostServer(Configure(port));
            try
            {
                server.OpenAsync().Wait();
                return server;
            }
            catch (AggregateException e)
            {
                Console.Error.WriteLine("open failed: " + e.InnerException.Message);
                Environment.Exit(3);
                throw;
            }
        }

        static HttpSelfHostConfiguration Configure(int port)
        {
            var config = new HttpSelfHostConfiguration("http://127.0.0.1:" + port);
            config.MaxReceivedMessageSize = 64L << 20;
            config.IncludeErrorDetailPolicy = IncludeErrorDetailPolicy.Always;
            config.Filters.Add(new RejectInvalidModel());
            // The bundled specs' json settings: CamelCasePropertyNamesContractResolver, nulls included.
            config.Formatters.JsonFormatter.SerializerSettings.ContractResolver = new CamelCasePropertyNamesContractResolver();
            config.Formatters.JsonFormatter.SerializerSettings.NullValueHandling = NullValueHandling.Include;
            Routes.Map(config);
            return config;
        }
    }
}
