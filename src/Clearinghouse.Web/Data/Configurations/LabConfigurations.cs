using Clearinghouse.Web.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearinghouse.Web.Data.Configurations;

internal sealed class LabSettingsConfiguration : IEntityTypeConfiguration<LabSettings>
{
    public void Configure(EntityTypeBuilder<LabSettings> builder)
    {
        builder.ToTable("LabSettings");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Mode).HasConversion<string>().HasMaxLength(FieldLengths.Kind);
        builder.Property(s => s.IdSeed).HasMaxLength(FieldLengths.LabIdSeed);
    }
}

internal sealed class LabApiKeyConfiguration : IEntityTypeConfiguration<LabApiKey>
{
    public void Configure(EntityTypeBuilder<LabApiKey> builder)
    {
        builder.ToTable("LabApiKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Name).HasMaxLength(FieldLengths.Name);
        builder.Property(k => k.Hash).HasMaxLength(FieldLengths.CredentialHash);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(FieldLengths.LabApiKeyPrefix);
        builder.Property(k => k.UserId).HasMaxLength(450);
        builder.HasOne<ConsoleUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
