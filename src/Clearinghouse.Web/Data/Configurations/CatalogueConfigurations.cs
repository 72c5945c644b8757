using Clearinghouse.Web.Licensing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Clearinghouse.Web.Data.Configurations;

// The catalogue tables are seeded from Licensing/Catalogue.cs, so a catalogue change arrives as a migration.
// They exist so that every code stored elsewhere is checked by a foreign key.

internal static class CatalogueColumns
{
    public const int Code = 64;
    public const int Name = 100;
    public const int Text = 200;
}

internal sealed class LicenseProgramConfiguration : IEntityTypeConfiguration<LicenseProgram>
{
    public void Configure(EntityTypeBuilder<LicenseProgram> builder)
    {
        builder.ToTable("LicensePrograms");
        builder.HasKey(p => p.Code);
        builder.Property(p => p.Code).HasMaxLength(CatalogueColumns.Code);
        builder.Property(p => p.Name).HasMaxLength(CatalogueColumns.Name);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(CatalogueColumns.Code);
        builder.Property(p => p.ReferenceLabel).HasMaxLength(CatalogueColumns.Name);
        builder.HasData(Catalogue.Programs);
    }
}

internal sealed class ProductVersionConfiguration : IEntityTypeConfiguration<ProductVersion>
{
    public void Configure(EntityTypeBuilder<ProductVersion> builder)
    {
        builder.ToTable("ProductVersions");
        builder.HasKey(v => v.Code);
        builder.Property(v => v.Code).HasMaxLength(CatalogueColumns.Code);
        builder.Property(v => v.Name).HasMaxLength(CatalogueColumns.Name);
        builder.HasData(Catalogue.ProductVersions);
    }
}

internal sealed class CalTypeConfiguration : IEntityTypeConfiguration<CalType>
{
    public void Configure(EntityTypeBuilder<CalType> builder)
    {
        builder.ToTable("CalTypes");
        builder.HasKey(t => t.Code);
        builder.Property(t => t.Code).HasMaxLength(CatalogueColumns.Code);
        builder.Property(t => t.Name).HasMaxLength(CatalogueColumns.Name);
        builder.HasData(Catalogue.CalTypes);
    }
}

internal sealed class ProductVersionCalTypeConfiguration : IEntityTypeConfiguration<ProductVersionCalType>
{
    public void Configure(EntityTypeBuilder<ProductVersionCalType> builder)
    {
        builder.ToTable("ProductVersionCalTypes");
        builder.HasKey(x => new { x.ProductVersionCode, x.CalTypeCode });
        builder.Property(x => x.ProductVersionCode).HasMaxLength(CatalogueColumns.Code);
        builder.Property(x => x.CalTypeCode).HasMaxLength(CatalogueColumns.Code);
        builder.HasOne<ProductVersion>().WithMany().HasForeignKey(x => x.ProductVersionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CalType>().WithMany().HasForeignKey(x => x.CalTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasData(Catalogue.ProductVersionCalTypes);
    }
}

internal sealed class ReasonConfiguration : IEntityTypeConfiguration<Reason>
{
    public void Configure(EntityTypeBuilder<Reason> builder)
    {
        builder.ToTable("Reasons");
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(CatalogueColumns.Code);
        builder.Property(r => r.Purpose).HasConversion<string>().HasMaxLength(CatalogueColumns.Code);
        builder.Property(r => r.Text).HasMaxLength(CatalogueColumns.Text);
        builder.HasData(Catalogue.Reasons);
    }
}

internal sealed class SourceOperatingSystemConfiguration : IEntityTypeConfiguration<SourceOperatingSystem>
{
    public void Configure(EntityTypeBuilder<SourceOperatingSystem> builder)
    {
        builder.ToTable("SourceOperatingSystems");
        builder.HasKey(o => o.Code);
        builder.Property(o => o.Code).HasMaxLength(CatalogueColumns.Code);
        builder.Property(o => o.Name).HasMaxLength(CatalogueColumns.Name);
        builder.HasData(Catalogue.SourceOperatingSystems);
    }
}

internal sealed class CountryRegionConfiguration : IEntityTypeConfiguration<CountryRegion>
{
    public void Configure(EntityTypeBuilder<CountryRegion> builder)
    {
        builder.ToTable("CountriesRegions");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(2).IsFixedLength();
        builder.Property(c => c.Name).HasMaxLength(CatalogueColumns.Name);
        builder.Property(c => c.CallingCode).HasMaxLength(8);
        builder.Property(c => c.PhoneNumber).HasMaxLength(40);
        builder.HasData(Catalogue.CountriesRegions);
    }
}
