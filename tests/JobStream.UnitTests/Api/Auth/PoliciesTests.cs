using System.Security.Claims;
using JobStream.Api.Auth;
using JobStream.Api.Limits;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace JobStream.UnitTests.Api.Auth;

public sealed class PoliciesTests
{
    [TestCase(false, false)]
    [TestCase(true, true)]
    public async Task An_anonymous_caller_is_an_admin_in_development_only(bool isDevelopment, bool expected)
    {
        var http = Request(isDevelopment);

        Assert.That(await Policies.IsAdminAsync(http), Is.EqualTo(expected));
        if (!isDevelopment)
        {
            Assert.That(http.Features.Get<IHttpAuthenticationFeature>(), Is.Null, "answered without making a principal to run the policy on");
        }
    }

    [TestCase(new[] { Policies.AdminRole }, true)]
    [TestCase(new[] { "reader" }, false)]
    [TestCase(new string[0], false)]
    public async Task Outside_development_a_caller_with_a_token_is_an_admin_by_the_role(string[] roles, bool expected)
    {
        var http = Request(isDevelopment: false);
        http.User = User("alice", roles);

        Assert.That(await Policies.IsAdminAsync(http), Is.EqualTo(expected));
    }

    [Test]
    public void A_caller_counts_by_the_tokens_subject_and_otherwise_by_its_address()
    {
        var anonymous = Request(isDevelopment: false);
        anonymous.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("192.0.2.7");
        var alice = Request(isDevelopment: false);
        alice.User = User("alice", []);

        Assert.That(ClientIdentity.Of(anonymous), Is.EqualTo("ip:192.0.2.7"));
        Assert.That(ClientIdentity.Of(alice), Is.EqualTo("user:alice"));
    }

    private static DefaultHttpContext Request(bool isDevelopment)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddAuthorization(authorization => Policies.Add(authorization, new AuthOptions(), isDevelopment));
        return new DefaultHttpContext { RequestServices = services.BuildServiceProvider() };
    }

    private static ClaimsPrincipal User(string subject, string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(JwtEvents.SubjectClaim, subject), .. roles.Select(role => new Claim(JwtEvents.RoleClaim, role))],
            "Bearer", JwtEvents.SubjectClaim, JwtEvents.RoleClaim));
}
